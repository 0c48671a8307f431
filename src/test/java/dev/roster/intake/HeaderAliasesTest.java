package dev.roster.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderAliasesTest {

	// The operator-editable file the jobs ship with; the test reads it so that an edit breaking a header fails here.
	static final Path OPERATOR_FILE = Path.of("jobs", "header-aliases.yaml");

	static final Map<String, List<String>> EXPECTED = expected();

	static final List<String> EXPORT_HEADERS = List.of("Email", "First Name", "Last Name", "Status", "Profile Type",
			"Group", "Office", "Host Code", "Guest Code", "Billing Code", "Language", "Activation Email Sent",
			"Welcome Email Sent", "Created", "Terminated");

	private static HeaderAliases aliases;

	@BeforeAll
	static void loadOperatorFile() throws IOException {
		aliases = load(OPERATOR_FILE);
	}

	static HeaderAliases load(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return HeaderAliases.load(in);
		}
	}

	@Test
	void operatorFileListsEveryFieldWithItsAliasesInOrder() {
		assertThat(aliases.fields()).containsExactlyElementsOf(EXPECTED.keySet());
		EXPECTED.forEach((field, expectedAliases) -> assertThat(aliases.aliasesOf(field)).as(field)
			.containsExactlyElementsOf(expectedAliases));
	}

	@Test
	void everyAliasMatchesItsField() {
		EXPECTED.forEach((field, expectedAliases) -> {
			for (String alias : expectedAliases) {
				assertThat(aliases.fieldOf(alias)).as(alias).contains(field);
			}
		});
	}

	@Test
	void everyFieldNameMatchesItself() {
		for (String field : EXPECTED.keySet()) {
			assertThat(aliases.fieldOf(field)).as(field).contains(field);
		}
	}

	@Test
	void everyHeaderOfRostersOwnExportMatchesAField() {
		for (String header : EXPORT_HEADERS) {
			assertThat(aliases.fieldOf(header)).as(header).isPresent();
		}
		assertThat(EXPORT_HEADERS.stream().map((header) -> aliases.fieldOf(header).orElseThrow()).distinct())
			.hasSameSizeAs(EXPORT_HEADERS);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			E_MAIL                  | email
			email address           | email
			EmailAddress            | email
			correo electronico      | email
			CORREO-ELECTRÓNICO      | email
			'  Tipo de Perfil '     | profile_type
			fecha_de_baja           | termination_date
			FECHA DE TERMINACION    | termination_date
			First_Name              | first_name
			first-name              | first_name
			'Host Email\u00a0'      | host_email
			codigo de anfitrion     | host_code
			Email del Anfitrion     | host_email
			centro-de-coste         | billing_code
			Welcome_Email_Sent      | welcome_email_sent
			""")
	void matchesIgnoringCaseAccentsSpacesAndPunctuation(String header, String field) {
		assertThat(aliases.fieldOf(header)).contains(field);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Name", "Phone", "Notas", "", "  ", "Email 2", "Hosts" })
	void unknownHeadersMatchNoField(String header) {
		assertThat(aliases.fieldOf(header)).isEmpty();
	}

	@Test
	void aliasesOfAnUnknownFieldIsEmpty() {
		assertThat(aliases.aliasesOf("nickname")).isEmpty();
	}

	@Test
	void mergeAddsAnOperatorsAliasesAndFields() {
		HeaderAliases operator = yaml("""
				email: [Courriel, Mail]
				nickname: [Apodo]
				""");

		HeaderAliases merged = aliases.merge(operator);

		assertThat(merged.fieldOf("Courriel")).contains("email");
		assertThat(merged.fieldOf("Correo")).contains("email");
		assertThat(merged.aliasesOf("email")).endsWith("Email del usuario", "Courriel").doesNotHaveDuplicates();
		assertThat(merged.fieldOf("apodo")).contains("nickname");
		assertThat(merged.fields()).startsWith("email").endsWith("terminated", "nickname");
		assertThat(aliases.fieldOf("Courriel")).isEmpty();
	}

	@Test
	void mergeWithACopyOfItselfChangesNothing() throws IOException {
		HeaderAliases merged = aliases.merge(load(OPERATOR_FILE));

		assertThat(merged.fields()).containsExactlyElementsOf(EXPECTED.keySet());
		EXPECTED.forEach((field, expectedAliases) -> assertThat(merged.aliasesOf(field)).as(field)
			.containsExactlyElementsOf(expectedAliases));
	}

	@Test
	void mergeRefusesAHeaderThatAlreadyStandsForAnotherField() {
		HeaderAliases operator = yaml("office: [E-Mail]");

		assertThatIllegalArgumentException().isThrownBy(() -> aliases.merge(operator))
			.withMessageContaining("'E-Mail' is listed for both email and office");
	}

	@Test
	void loadRefusesOneHeaderForTwoFields() {
		assertThatIllegalArgumentException().isThrownBy(() -> yaml("""
				host_email: [Host]
				host_code: [HOST]
				"""))
			.withMessageContaining("'HOST' is listed for both host_email and host_code");
	}

	@Test
	void loadRefusesAnAliasYamlReadsAsABoolean() {
		assertThatIllegalArgumentException().isThrownBy(() -> yaml("activation_email_sent: [Sent, Yes]"))
			.withMessageContaining("alias of activation_email_sent true is not text; put it in quotes");
		assertThat(yaml("activation_email_sent: [Sent, 'Yes']").fieldOf("yes")).contains("activation_email_sent");
	}

	@Test
	void loadAcceptsASingleAliasAndAFieldWithoutAliases() {
		HeaderAliases loaded = yaml("""
				email: Correo
				created:
				""");

		assertThat(loaded.fieldOf("correo")).contains("email");
		assertThat(loaded.fieldOf("Created")).contains("created");
		assertThat(loaded.aliasesOf("created")).isEmpty();
	}

	@Test
	void fieldNameMatchesInAnySpellingEvenWithoutAliases() {
		HeaderAliases loaded = HeaderAliases.of(Map.of("cost_centre", List.of()));

		assertThat(loaded.fieldOf("Cost Centre")).contains("cost_centre");
		assertThat(loaded.fieldOf("COST-CENTRE")).contains("cost_centre");
		assertThat(loaded.fieldOf("costcentre")).contains("cost_centre");
	}

	@Test
	void loadRefusesWhatIsNotAMapOfAliases() {
		assertThatIllegalArgumentException().isThrownBy(() -> yaml("- Email\n- Correo"))
			.withMessageContaining("expected a map of field: [Alias, Alias, ...]");
		assertThatIllegalArgumentException().isThrownBy(() -> yaml(""))
			.withMessageContaining("expected a map");
		assertThatIllegalArgumentException().isThrownBy(() -> yaml("email: [Email]\nemail: [Correo]"))
			.withMessageContaining("not valid YAML");
		assertThatIllegalArgumentException().isThrownBy(() -> yaml("email: ['---']"))
			.withMessageContaining("alias '---' of email has no letters or digits");
	}

	@Test
	void loadRefusesYamlTagsThatWouldCreateObjects() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> yaml("email: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]"))
			.withMessageContaining("not valid YAML");
	}

	private static HeaderAliases yaml(String text) {
		return HeaderAliases.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static Map<String, List<String>> expected() {
		Map<String, List<String>> expected = new LinkedHashMap<>();
		expected.put("email", List.of("Email", "E-mail", "Email Address", "Mail", "Correo", "Correo electrónico",
				"Dirección de correo", "Email del usuario"));
		expected.put("first_name", List.of("First Name", "Firstname", "Given Name", "Forename", "Nombre"));
		expected.put("last_name", List.of("Last Name", "Lastname", "Surname", "Family Name", "Apellido", "Apellidos"));
		expected.put("profile_type", List.of("Profile Type", "Profile", "Tipo de perfil", "Perfil"));
		expected.put("group", List.of("Group", "Team", "Grupo", "Equipo"));
		expected.put("office", List.of("Office", "Location", "Oficina", "Sede"));
		expected.put("billing_code",
				List.of("Billing Code", "Cost Center", "Código de facturación", "Centro de coste"));
		expected.put("language", List.of("Language", "Lang", "Idioma"));
		expected.put("termination_date",
				List.of("Termination Date", "End Date", "Fecha de baja", "Fecha de terminación"));
		expected.put("host_email", List.of("Host Email", "Host", "Email del anfitrión", "Anfitrión"));
		expected.put("delegate_email", List.of("Delegate Email", "Delegate", "Email del delegado", "Delegado"));
		expected.put("status", List.of("Status", "Estado"));
		expected.put("host_code", List.of("Host Code", "Código de anfitrión"));
		expected.put("guest_code", List.of("Guest Code", "Código de invitado"));
		expected.put("activation_email_sent", List.of("Activation Email Sent"));
		expected.put("welcome_email_sent", List.of("Welcome Email Sent"));
		expected.put("created", List.of("Created", "Creado"));
		expected.put("terminated", List.of("Terminated", "Terminado"));
		return expected;
	}

}
