package dev.roster.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.roster.account.Account;
import dev.roster.account.Reference;
import dev.roster.intake.UserRowRules.ValidatedUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserRowRulesTests {

	private static final List<String> HEADER = List.of("Correo", "Nombre", "Apellidos", "Tipo de perfil", "Grupo",
			"Oficina", "Código de facturación", "Idioma");

	private static final Account ACME = new Account(1, "acme", "Acme", "00420",
			Map.of("sales", new Reference(10, "Sales")), Map.of("madrid", new Reference(20, "Madrid")),
			Map.of("standard", new Reference(30, "Standard"), "premium", new Reference(31, "Premium")),
			new Reference(30, "Standard"));

	private static HeaderAliases aliases;

	private final UserRowRules rules = new UserRowRules(ACME,
			ColumnMap.resolve("invites.csv", HEADER, aliases, UserRowRules.REQUIRED), IntakeLimits.defaults());

	@BeforeAll
	static void loadAliases() throws IOException {
		try (InputStream in = Files.newInputStream(Path.of("jobs/header-aliases.yaml"))) {
			aliases = HeaderAliases.load(in);
		}
	}

	@Test
	void acceptsAFullRowAndMatchesReferenceNamesIgnoringCase() {
		ValidatedUser user = validate("Ana@Acme.example", "Ana", "Martínez", "premium", "SALES", "madrid", "007", "ES");

		assertThat(user.error()).isNull();
		assertThat(user.email()).isEqualTo("Ana@Acme.example");
		assertThat(user.emailKey()).isEqualTo("ana@acme.example");
		assertThat(user.fields().profileTypeId()).isEqualTo(31);
		assertThat(user.fields().groupId()).isEqualTo(10);
		assertThat(user.fields().officeId()).isEqualTo(20);
		assertThat(user.fields().billingCode()).isEqualTo("007");
		assertThat(user.fields().language()).isEqualTo("es");
	}

	@Test
	void appliesTheAccountDefaults() {
		ValidatedUser user = validate("ana@acme.example", "Ana", "M", "", "", "", "", "");

		assertThat(user.fields().profileTypeId()).isEqualTo(30);
		assertThat(user.fields().groupId()).isNull();
		assertThat(user.fields().billingCode()).isEqualTo("00420");
		assertThat(user.fields().language()).isEqualTo("en");
	}

	@Test
	void namesTheColumnAsWrittenAndItsLetter() {
		assertThat(validate("ana@", "Ana", "M", "", "", "", "", "").error())
			.isEqualTo("invalid email 'ana@' in column 'Correo' (A)");
		assertThat(validate("ana@acme.example", "Ana", "M", "", "", "Lisbon", "", "").error())
			.isEqualTo("unknown office 'Lisbon'; ask support to add it in column 'Oficina' (F)");
		assertThat(validate("ana@acme.example", "", "M", "", "", "", "", "").error())
			.isEqualTo("missing first name in column 'Nombre' (B)");
		assertThat(validate("ana@acme.example", "Ana", "M", "Gold", "", "", "", "").error())
			.contains("unknown profile type 'Gold'").contains("(D)");
		assertThat(validate("ana@acme.example", "Ana", "M", "", "", "", "", "fr").error())
			.isEqualTo("unknown language 'fr'; use en or es in column 'Idioma' (H)");
	}

	@Test
	void rejectsMalformedEmailsAndOverlongOrControlValues() {
		for (String email : List.of("plain", "a@b", "a b@acme.example", "a@acme..example", ".a@acme.example",
				"josé@acme.example", "a@-acme.example")) {
			assertThat(validate(email, "Ana", "M", "", "", "", "", "").error()).as(email).startsWith("invalid email");
		}
		assertThat(validate("ana@acme.example", "A".repeat(101), "M", "", "", "", "", "").error())
			.contains("first name too long (101 characters; at most 100)");
		assertThat(validate("ana@acme.example", "Ana\u0007", "M", "", "", "", "", "").error())
			.contains("control characters");
		assertThat(validate("ana@acme.example", "Ana", "M", "", "", "", "B".repeat(51), "").error())
			.contains("invalid billing code");
		assertThat(validate("ana@acme.example", "Ana", "M", "", "", "", "", "", "extra").error())
			.contains("row has 9 values but the header has 8 columns");
		assertThat(validate("ana@acme.example", "Ana", "M", "", "", "", "", "", "").error()).isNull();
	}

	@Test
	void saysWhenTheEmailIsWhatRejectedTheRowAndStillNamesTheUserOfARowRejectedForAnotherValue() {
		assertThat(validate("", "Ana", "M", "", "", "", "", "").emailRejected()).isTrue();
		assertThat(validate("ana@", "Ana", "M", "", "", "", "", "").emailRejected()).isTrue();
		assertThat(validate("ana@", "Ana", "M", "", "", "", "", "").emailKey()).isNull();

		ValidatedUser badOffice = validate("Ana@acme.example", "Ana", "M", "", "", "Lisbon", "", "");
		assertThat(badOffice.valid()).isFalse();
		assertThat(badOffice.emailRejected()).isFalse();
		assertThat(badOffice.failedField()).isEqualTo(UserRowRules.OFFICE);
		assertThat(badOffice.emailKey()).isEqualTo("ana@acme.example");
		assertThat(validate("ana@acme.example", "Ana", "M", "", "", "", "", "", "extra").emailRejected()).isFalse();
		assertThat(validate("ana@acme.example", "Ana", "M", "", "", "", "", "").emailRejected()).isFalse();
	}

	@Test
	void removesInvisibleCharactersFromAnEmailWhereThatMakesItValid() {
		for (String pasted : List.of("ana@acme.example\u200E", "\u200Fana@acme.example", "ana\u200B@acme.example",
				"ana@acme\u00A0.example", "\u2060ana@acme.example\uFEFF", "an\u00ADa@acme.example")) {
			ValidatedUser user = validate(pasted, "Ana", "M", "", "", "", "", "");
			assertThat(user.error()).as(pasted).isNull();
			assertThat(user.emailCleaned()).as(pasted).isTrue();
			assertThat(user.email()).as(pasted).isEqualTo("ana@acme.example");
		}
		assertThat(validate("ana@acme.example", "Ana", "M", "", "", "", "", "").emailCleaned()).isFalse();
		// what is left must still be an address; an ordinary space is no invisible character
		assertThat(validate("ana\u200B carter@acme.example", "Ana", "M", "", "", "", "", "").error())
			.isEqualTo("invalid email 'ana carter@acme.example' (invisible characters removed: U+200B) in column "
					+ "'Correo' (A)");
		ValidatedUser onlyMarks = validate("\u200E\u200F", "Ana", "M", "", "", "", "", "");
		assertThat(onlyMarks.error()).startsWith("missing email (the cell holds only invisible characters: U+200E, "
				+ "U+200F)");
		assertThat(onlyMarks.emailRejected()).isTrue();
	}

	@Test
	void emailListsRemoveTheSameInvisibleCharacters() {
		ColumnMap columns = ColumnMap.resolve("leavers.csv", List.of("Email"), aliases, java.util.Set.of(UserRowRules.EMAIL));
		EmailListRules rules = new EmailListRules(columns, IntakeLimits.defaults());
		InputRow pasted = new InputRow(2, List.of("Ben@Acme.example\u200E"));

		assertThat(rules.emailProblem(pasted, UserRowRules.EMAIL, "email")).isNull();
		assertThat(rules.email(pasted, UserRowRules.EMAIL)).isEqualTo("Ben@Acme.example");
		assertThat(rules.emailCleaned(pasted, UserRowRules.EMAIL)).isTrue();
		assertThat(rules.emailProblem(new InputRow(3, List.of("ben\u00A0carter")), UserRowRules.EMAIL, "email"))
			.isEqualTo("invalid email 'bencarter' (invisible characters removed: U+00A0) in column 'Email' (A)");
	}

	private ValidatedUser validate(String... cells) {
		return this.rules.validate(new InputRow(2, Arrays.asList(cells)));
	}

}
