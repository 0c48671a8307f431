package dev.roster.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.files.SpreadsheetText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CellsTest {

	@Test
	void cleanTurnsNullIntoEmpty() {
		assertThat(Cells.clean(null)).isEmpty();
	}

	@Test
	void cleanTrimsNonBreakingAndOtherUnicodeSpaces() {
		assertThat(Cells.clean("\u00a0\u2007 José \u3000\t\r\n")).isEqualTo("José");
		assertThat(Cells.clean("\u202fNarrow\u00a0")).isEqualTo("Narrow");
	}

	@Test
	void cleanTrimsInvisibleZeroWidthCharactersAndStrayByteOrderMarks() {
		assertThat(Cells.clean("\uFEFFEmail\u200B")).isEqualTo("Email");
	}

	@Test
	void cleanKeepsInnerSpacesAndLineBreaks() {
		assertThat(Cells.clean(" Ana  María\u00a0López ")).isEqualTo("Ana  María\u00a0López");
		assertThat(Cells.clean("Line one\nLine two")).isEqualTo("Line one\nLine two");
	}

	@Test
	void cleanComposesDecomposedAccents() {
		assertThat(Cells.clean("Jose\u0301 N\u0303u\u0301n\u0303ez")).isEqualTo("Jos\u00e9 \u00d1\u00fa\u00f1ez")
			.hasSize(10);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			'=SUM(A1)    | =SUM(A1)
			'+34 600 000 | +34 600 000
			'-5          | -5
			'@home       | @home
			" '=1+1 "    | =1+1
			""")
	void cleanRemovesTheApostropheThatNeutralisesAFormula(String exported, String original) {
		assertThat(Cells.clean(exported)).isEqualTo(original);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"'\t=SUM(A1)"   | =SUM(A1)
			"'\r+1"         | +1
			"'\t  @home \t" | @home
			"'\tplain"      | plain
			""")
	void cleanRemovesTheApostropheThatProtectsATabOrCarriageReturnAndTrimsWhatItProtected(String exported,
			String original) {
		assertThat(Cells.clean(exported)).isEqualTo(original);
	}

	@ParameterizedTest
	@ValueSource(strings = { "=HYPERLINK(\"http://evil\",\"x\")", "+1", "-1", "@SUM(A1)", "\t=x", "\r+x", "'=x",
			"''=x", "\t'=x", "\r'@x", " \t'-x", "\t\t'\t'=x", "'\t'=x", "O'Brien", "plain", "", " ", "'", "\t'" })
	void aNeutralisedValueReadsAsTheValueItselfExactlyOnce(String value) {
		String read = Cells.clean(value);

		// what a report or export shows of a cell reads back as that cell was read in the first place...
		assertThat(Cells.clean(SpreadsheetText.neutralise(value))).isEqualTo(read);
		assertThat(Cells.clean(SpreadsheetText.neutralise(read))).isEqualTo(read);
		// ...and reading it again takes nothing more off
		assertThat(Cells.clean(read)).isEqualTo(read);
		assertThat(SpreadsheetText.isNeutralised(read)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "O'Brien", "'quoted'", "'", "''=x", "'123", "=already a formula" })
	void cleanKeepsOtherApostrophesAndValues(String value) {
		assertThat(Cells.clean(value)).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "Email", "E-mail", "e_mail", "EMAIL ", " E.Mail ", "\uFEFFEmail", "e\u2011mail", "E mail" })
	void headerKeyIgnoresCaseSpacesAndPunctuation(String header) {
		assertThat(Cells.headerKey(header)).isEqualTo("email");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Correo electrónico     | correoelectronico
			CORREO ELECTRÓNICO     | correoelectronico
			Dirección de correo    | direcciondecorreo
			Código de facturación  | codigodefacturacion
			First_Name             | firstname
			Año 2                  | ano2
			""")
	void headerKeyRemovesAccents(String header, String key) {
		assertThat(Cells.headerKey(header)).isEqualTo(key);
	}

	@Test
	void headerKeyRemovesAccentsWrittenAsCombiningMarks() {
		assertThat(Cells.headerKey("Co\u0301digo")).isEqualTo("codigo");
	}

	@Test
	void headerKeyOfNothingIsEmpty() {
		assertThat(Cells.headerKey(null)).isEmpty();
		assertThat(Cells.headerKey(" - ")).isEmpty();
	}

}
