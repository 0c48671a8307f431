package dev.roster.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnMapTest {

	private static HeaderAliases aliases;

	@BeforeAll
	static void loadOperatorFile() throws IOException {
		aliases = HeaderAliasesTest.load(HeaderAliasesTest.OPERATOR_FILE);
	}

	@Test
	void resolvesHeadersWrittenInSpanish() {
		ColumnMap map = ColumnMap.resolve("altas.csv", List.of("Correo", "Nombre", "Apellidos", "Oficina", "Notas"),
				aliases, Set.of("email"));
		InputRow row = new InputRow(2, List.of("jose@example.com", "José", "Ñúñez", "Madrid", "VIP"));

		assertThat(map.has("email")).isTrue();
		assertThat(map.get(row, "email")).isEqualTo("jose@example.com");
		assertThat(map.get(row, "last_name")).isEqualTo("Ñúñez");
		assertThat(map.get(row, "office")).isEqualTo("Madrid");
		assertThat(map.columnName("email")).isEqualTo("Correo");
		assertThat(map.columnLetter("email")).isEqualTo("A");
		assertThat(map.columnName("office")).isEqualTo("Oficina");
		assertThat(map.columnLetter("office")).isEqualTo("D");
		assertThat(map.unknownColumns()).containsExactly("Notas");
	}

	@Test
	void absentColumnReadsAsEmptyAndIsNamedByItsFirstAlias() {
		ColumnMap map = ColumnMap.resolve("altas.csv", List.of("Email", "Nombre"), aliases, Set.of("email"));
		InputRow row = new InputRow(2, List.of("jose@example.com", "José"));

		assertThat(map.has("office")).isFalse();
		assertThat(map.get(row, "office")).isEmpty();
		assertThat(map.columnName("office")).isEqualTo("Office");
		assertThat(map.columnLetter("office")).isEmpty();
	}

	@Test
	void shortRowReadsAsEmpty() {
		ColumnMap map = ColumnMap.resolve("altas.csv", List.of("Email", "Nombre", "Oficina"), aliases, Set.of());

		assertThat(map.get(new InputRow(2, List.of("jose@example.com")), "office")).isEmpty();
	}

	@Test
	void refusesAFileWithoutARequiredColumnNamingTheAcceptedAndFoundHeaders() {
		assertThatThrownBy(() -> ColumnMap.resolve("acme-invites.csv", List.of("Name", "Surname", "Office"), aliases,
				Set.of("email")))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("acme-invites.csv: missing required column 'Email' (accepted headers: Email, E-mail, "
					+ "Email Address, Mail, Correo, Correo electrónico, Dirección de correo, Email del usuario); "
					+ "headers found: Name, Surname, Office");
	}

	@Test
	void refusesAFileWithoutSeveralRequiredColumnsNamingEachOne() {
		assertThatThrownBy(() -> ColumnMap.resolve("acme.csv", List.of("Oficina", ""), aliases,
				Set.of("first_name", "email", "host_email")))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("acme.csv: missing required columns 'Email' (accepted headers: Email, E-mail, "
					+ "Email Address, Mail, Correo, Correo electrónico, Dirección de correo, Email del usuario), "
					+ "'First Name' (accepted headers: First Name, Firstname, Given Name, Forename, Nombre) and "
					+ "'Host Email' (accepted headers: Host Email, Host, Email del anfitrión, Anfitrión); "
					+ "headers found: Oficina");
	}

	@Test
	void refusesTwoColumnsForTheSameFieldNamingBothWithTheirLetters() {
		assertThatThrownBy(() -> ColumnMap.resolve("acme.csv", List.of("Email", "Name", "E-mail"), aliases,
				Set.of("email")))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("acme.csv: columns 'Email' (A) and 'E-mail' (C) are both read as Email; "
					+ "keep only one of them");
	}

	@Test
	void refusesTheSameHeaderTwice() {
		assertThatThrownBy(() -> ColumnMap.resolve("acme.csv", List.of("Nombre", "Email", "Correo", "Email"),
				aliases, Set.of()))
			.isInstanceOf(InputRejectedException.class)
			.hasMessage("acme.csv: columns 'Email' (B) and 'Correo' (C) are both read as Email; keep only one of them");
	}

	@Test
	void refusesAnEmptyHeaderRow() {
		for (List<String> header : List.of(List.<String>of(), List.of("", " \u00a0"))) {
			assertThatThrownBy(() -> ColumnMap.resolve("acme.csv", header, aliases, Set.of("email")))
				.isInstanceOf(InputRejectedException.class)
				.hasMessage("acme.csv: the header row is empty; the first row must name the columns");
		}
	}

	@Test
	void blankHeaderCellsAreNeitherFieldsNorUnknownColumnsButKeepTheirLetter() {
		ColumnMap map = ColumnMap.resolve("acme.csv", List.of("Email", "", "Oficina"), aliases, Set.of("email"));

		assertThat(map.columnLetter("office")).isEqualTo("C");
		assertThat(map.unknownColumns()).isEmpty();
		assertThat(map.width()).isEqualTo(3);
	}

	@Test
	void columnLetterGoesPastZ() {
		List<String> header = new ArrayList<>(Collections.nCopies(28, "Filler"));
		header.set(0, "Email");
		header.add("Grupo");

		ColumnMap map = ColumnMap.resolve("wide.csv", header, aliases, Set.of("email"));

		assertThat(map.columnLetter("group")).isEqualTo("AC");
		assertThat(map.columnName("group")).isEqualTo("Grupo");
		assertThat(map.unknownColumns()).hasSize(27).containsOnly("Filler");
	}

	@ParameterizedTest
	@CsvSource({ "0, A", "1, B", "25, Z", "26, AA", "27, AB", "51, AZ", "52, BA", "701, ZZ", "702, AAA",
			"16383, XFD" })
	void letterOfFollowsSpreadsheetColumnNames(int index, String letter) {
		assertThat(ColumnMap.letterOf(index)).isEqualTo(letter);
	}

	@Test
	void rowWithValuesBeyondTheHeaderHasExtraCells() {
		ColumnMap map = ColumnMap.resolve("acme.csv", List.of("Email", "Nombre"), aliases, Set.of("email"));

		assertThat(map.width()).isEqualTo(2);
		assertThat(map.hasExtraCells(new InputRow(2, List.of("a@example.com", "Ann")))).isFalse();
		assertThat(map.hasExtraCells(new InputRow(3, List.of("b@example.com", "Bob", "Lee")))).isTrue();
	}

	@Test
	void requiredFieldUnknownToTheAliasesIsAProgrammingError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnMap.resolve("acme.csv", List.of("Email"), aliases, Set.of("nickname")))
			.withMessageContaining("nickname");
	}

	@Test
	void resolvesEveryColumnOfRostersOwnExportAndReadsItsFormulaValuesBack() throws URISyntaxException {
		Path export = Path.of(ColumnMapTest.class.getResource("/intake/roster-export.csv").toURI());
		try (TabularReader reader = TabularReader.open(export, IntakeLimits.defaults())) {
			ColumnMap map = ColumnMap.resolve(reader.fileName(), reader.header(), aliases, Set.of("email"));
			InputRow row = reader.next();

			assertThat(reader.header()).containsExactlyElementsOf(HeaderAliasesTest.EXPORT_HEADERS);
			assertThat(map.unknownColumns()).isEmpty();
			for (String field : List.of("email", "first_name", "last_name", "status", "profile_type", "group",
					"office", "host_code", "guest_code", "billing_code", "language", "activation_email_sent",
					"welcome_email_sent", "created", "terminated")) {
				assertThat(map.has(field)).as(field).isTrue();
			}
			assertThat(map.get(row, "first_name")).isEqualTo("José");
			assertThat(map.get(row, "host_code")).isEqualTo("+34123");
			assertThat(map.get(row, "guest_code")).isEqualTo("-98");
			assertThat(map.get(row, "terminated")).isEmpty();
			assertThat(map.columnLetter("terminated")).isEqualTo("O");
			assertThat(reader.next()).isNull();
		}
	}

}
