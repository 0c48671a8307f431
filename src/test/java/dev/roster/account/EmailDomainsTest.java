package dev.roster.account;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailDomainsTest {

	private static final Account ACME = new Account(1, "acme", "Acme", null, Map.of(), Map.of(), Map.of(), null,
			List.of("acme.example", "acme.co.uk"));

	private static final Account OPEN = new Account(2, "open", "Open", null, Map.of(), Map.of(), Map.of(), null);

	@Test
	void normalisesToTheLowerCaseAsciiForm() {
		assertThat(EmailDomains.normalise(" Acme.Example. ")).isEqualTo("acme.example");
		assertThat(EmailDomains.normalise("Bücher.example")).isEqualTo("xn--bcher-kva.example");
		assertThat(EmailDomains.normalise("a-1.b2.example")).isEqualTo("a-1.b2.example");
	}

	@Test
	void refusesWhatIsNotADnsName() {
		for (String bad : List.of("", "example", ".example", "acme..example", "acme.example-", "10.0.0.1",
				"acme.example/x", "ana@acme.example", "*.acme.example", "acme example", "x".repeat(250) + ".example")) {
			assertThatThrownBy(() -> EmailDomains.normalise(bad)).as(bad)
				.isInstanceOf(AccountDefinitionException.class)
				.hasMessageStartingWith("invalid email domain '" + bad.strip() + "'");
		}
	}

	@Test
	void anAccountTakesItsDomainsAndTheirSubdomainsOnly() {
		assertThat(ACME.acceptsEmailDomain("acme.example")).isTrue();
		assertThat(ACME.acceptsEmailDomain("ENG.Acme.Example")).isTrue();
		assertThat(ACME.acceptsEmailDomain("a.b.acme.co.uk")).isTrue();
		assertThat(ACME.acceptsEmailDomain("notacme.example")).isFalse();
		assertThat(ACME.acceptsEmailDomain("acme.example.evil.test")).isFalse();
		assertThat(ACME.acceptsEmailDomain("co.uk")).isFalse();
		assertThat(OPEN.acceptsEmailDomain("gmail.com")).isTrue();
	}

}
