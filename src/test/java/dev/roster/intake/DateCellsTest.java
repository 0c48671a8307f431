package dev.roster.intake;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DateCellsTest {

	@Test
	void readsIsoDatesWithOrWithoutATime() {
		assertThat(DateCells.parse("2027-01-31")).isEqualTo(LocalDate.of(2027, 1, 31));
		assertThat(DateCells.parse("2027-01-31T00:00:00")).isEqualTo(LocalDate.of(2027, 1, 31));
		assertThat(DateCells.parse("2027-01-31 09:30")).isEqualTo(LocalDate.of(2027, 1, 31));
		assertThat(DateCells.parse("2027-01-31T00:00:00.000Z")).isEqualTo(LocalDate.of(2027, 1, 31));
	}

	@Test
	void neverGuessesAnAmbiguousOrImpossibleDate() {
		assertThat(DateCells.parse("03/04/2027")).isNull();
		assertThat(DateCells.parse("31.01.2027")).isNull();
		assertThat(DateCells.parse("2027-02-30")).isNull();
		assertThat(DateCells.parse("46022")).isNull();
		assertThat(DateCells.parse("next friday")).isNull();
	}

	@Test
	void recognisesTheWordsThatCancel() {
		assertThat(DateCells.isCancel("Cancel")).isTrue();
		assertThat(DateCells.isCancel("CANCELAR")).isTrue();
		assertThat(DateCells.isCancel("anulada")).isTrue();
		assertThat(DateCells.isCancel("keep")).isFalse();
	}

}
