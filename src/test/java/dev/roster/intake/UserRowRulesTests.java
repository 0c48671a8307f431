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

	private ValidatedUser validate(String... cells) {
		return this.rules.validate(new InputRow(2, Arrays.asList(cells)));
	}

}
