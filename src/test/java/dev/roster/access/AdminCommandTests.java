package dev.roster.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roster.MailServer;
import dev.roster.api.HttpTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code roster admin}: an invite emails a single-use link to the person only, never to whoever ran it. */
class AdminCommandTests extends HttpTest {

	private static final Pattern LINK = Pattern.compile("http://127\\.0\\.0\\.1:8080/set-password\\?token=([A-Za-z0-9_-]+)");

	@BeforeEach
	void accounts() {
		createAcme();
		createGlobex();
	}

	@Test
	void inviteEmailsASetPasswordLinkAndNeverPrintsIt() {
		// when
		Result invited = roster("admin", "invite", "--email", "Ana@Acme.example", "--name", "Ana Pérez", "--account",
				"acme", "--account", "globex");
		// then
		assertThat(invited.exitCode()).isZero();
		assertThat(invited.out()).contains("Ana@Acme.example").contains("acme, globex").contains("email");
		assertThat(MailServer.received()).singleElement().satisfies((email) -> {
			assertThat(email.to()).isEqualTo("ana@acme.example");
			assertThat(email.subject()).contains("Conferencing");
			assertThat(email.text()).contains("Hello Ana Pérez").contains("The support staff of Conferencing")
				.contains("administer Acme Corporation, Globex").contains("works once").contains("72 hours");
			assertThat(email.html()).contains("Acme Corporation, Globex");
			Matcher link = LINK.matcher(email.text());
			assertThat(link.find()).isTrue();
			assertThat(invited.out() + invited.err()).doesNotContain(link.group(1));
			assertThat(this.people.linkPerson(link.group(1))).hasValueSatisfying(
					(person) -> assertThat(person.email()).isEqualTo("Ana@Acme.example"));
		});
		assertThat(this.jdbc.queryForList("""
				select a.slug from audit_event e join account a on a.id = e.account_id
				where e.action = 'admin.invite' and e.target = 'person Ana@Acme.example' and e.source = 'cli'
				order by a.slug""", String.class)).containsExactly("acme", "globex");
	}

	@Test
	void anOperatorsInviteSaysSoInSpanishWhenAsked() {
		Result invited = roster("admin", "invite", "--email", "luis@support.example", "--operator", "--language", "es",
				"--invited-by", "Marta");
		assertThat(invited.exitCode()).isZero();
		assertThat(MailServer.received()).singleElement().satisfies((email) -> {
			assertThat(email.text()).contains("Hola, luis@support.example").contains("Marta te invita")
				.contains("como operador").contains("72 horas");
		});
		assertThat(count("select count(*) from person where operator")).isEqualTo(1);
		assertThat(count("select count(*) from audit_event where action = 'admin.invite' and account_id is null"))
			.isEqualTo(1);
	}

	@Test
	void anUnknownAccountIsExit2AndNobodyIsAddedOrEmailed() {
		Result invited = roster("admin", "invite", "--email", "ana@acme.example", "--account", "acme", "--account",
				"initech");
		assertThat(invited.exitCode()).isEqualTo(2);
		assertThat(invited.err()).contains("unknown account 'initech'");
		assertThat(count("select count(*) from person")).isZero();
		assertThat(MailServer.received()).isEmpty();
		assertThat(roster("admin", "invite", "--email", "ana@acme.example").exitCode()).isEqualTo(2);
		assertThat(roster("admin", "invite", "--email", "not-an-address", "--operator").exitCode()).isEqualTo(2);
	}

	@Test
	void listShowsAnAccountsAdminsOrTheOperators() {
		roster("admin", "invite", "--email", "ana@acme.example", "--name", "Ana", "--account", "acme");
		roster("admin", "invite", "--email", "gus@globex.example", "--account", "globex");
		roster("admin", "invite", "--email", "luis@support.example", "--operator");
		Result acme = roster("admin", "list", "--account", "acme");
		assertThat(acme.exitCode()).isZero();
		assertThat(acme.out().lines()).hasSize(2);
		assertThat(acme.out()).contains("ana@acme.example").contains("Ana").contains("invited (no password yet)")
			.doesNotContain("gus@").doesNotContain("luis@");
		assertThat(roster("admin", "list", "--operator").out()).contains("luis@support.example")
			.doesNotContain("ana@");
		assertThat(roster("admin", "list", "--account", "initech").exitCode()).isEqualTo(2);
	}

}
