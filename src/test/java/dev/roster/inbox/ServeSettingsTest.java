package dev.roster.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServeSettingsTest {

	@TempDir
	Path folder;

	@Test
	void readsOptionsAndSchedules() throws IOException {
		ServeSettings settings = read("""
				accounts:
				  acme:
				    options:
				      import-users: { mode: Invite, no-deliver: true }
				    schedules:
				      new-hires: { cron: "0 30 2 * * *", zone: Europe/Madrid, run: import-users, from: /srv/hr }
				""");
		assertThat(settings.values("acme", job("import-users")).get("mode")).isEqualTo("invite");
		assertThat(settings.values("globex", job("import-users")).get("mode")).isEqualTo("create");
		assertThat(settings.schedules()).singleElement().satisfies((schedule) -> {
			assertThat(schedule.id()).isEqualTo("acme/new-hires");
			assertThat(schedule.zone()).hasToString("Europe/Madrid");
			assertThat(schedule.from()).isEqualTo(Path.of("/srv/hr"));
		});
		assertThat(ServeSettings.read(this.folder.resolve("missing.yaml"), InboxJobs.ALL, Set.of("acme")).schedules())
			.isEmpty();
	}

	@Test
	void theExampleInTheShippedFileRunsOnceUncommented() throws IOException {
		String example = Files.readAllLines(Path.of("jobs/serve.yaml"))
			.stream()
			.dropWhile((line) -> !line.startsWith("# accounts:"))
			.map((line) -> line.substring(2))
			.collect(java.util.stream.Collectors.joining("\n"));

		ServeSettings settings = read(example);

		assertThat(settings.schedules()).extracting(Schedule::id)
			.containsExactly("acme/nightly-roster", "acme/email-retries", "acme/due-terminations");
		assertThat(settings.values("acme", job("sync-roster")).get("max-terminations")).isEqualTo("25");
		assertThat(settings.values("acme", job("import-delegates")).get("replace")).isEqualTo("true");
	}

	@Test
	void refusesWhatCannotRunNamingThePlace() {
		assertRefused("""
				accounts:
				  nope: {}
				""", "serve.yaml accounts.nope: no account 'nope'");
		assertRefused("""
				accounts:
				  acme:
				    options:
				      import-users: { mode: shout }
				""", "serve.yaml accounts.acme.options.import-users: mode 'shout' is not one of create, invite");
		assertRefused("""
				accounts:
				  acme:
				    options:
				      import-users: { moed: invite }
				""", "serve.yaml accounts.acme.options.import-users: unknown option moed (this job takes: mode, no-deliver)");
		assertRefused("""
				accounts:
				  acme:
				    schedules:
				      nightly: { cron: "0 0 2 * *", run: import-users, from: /srv/hr }
				""", "serve.yaml accounts.acme.schedules.nightly: cron '0 0 2 * *' is not valid");
		assertRefused("""
				accounts:
				  acme:
				    schedules:
				      nightly: { cron: "@daily", run: import-users }
				""", "serve.yaml accounts.acme.schedules.nightly: 'from' is required");
		assertRefused("""
				accounts:
				  acme:
				    schedules:
				      due: { cron: "@hourly", run: terminate-due, from: /srv/hr }
				""", "serve.yaml accounts.acme.schedules.due: terminate-due reads no file; remove 'from'");
		assertRefused("""
				accounts:
				  acme:
				    options:
				      sync-roster: { max-terminations: -1 }
				""", "serve.yaml accounts.acme.options.sync-roster: max-terminations must be a whole number of at least 0");
		assertRefused("""
				accounts:
				  acme:
				    options:
				      sync-roster: { allow-mass-termination: true }
				""", "serve.yaml accounts.acme.options.sync-roster: unknown option allow-mass-termination");
		assertRefused("""
				accounts:
				  acme:
				    schedules:
				      odd: { cron: "@hourly", run: frobnicate }
				""", "serve.yaml accounts.acme.schedules.odd.run: unknown job 'frobnicate'");
	}

	private static InboxJob job(String command) {
		return InboxJobs.ALL.find(command).orElseThrow();
	}

	private void assertRefused(String yaml, String message) {
		assertThatThrownBy(() -> read(yaml)).isInstanceOf(ServeSettingsException.class).hasMessageStartingWith(message);
	}

	private ServeSettings read(String yaml) throws IOException {
		Path file = Files.writeString(this.folder.resolve("serve.yaml"), yaml);
		return ServeSettings.read(file, InboxJobs.ALL, Set.of("acme", "globex"));
	}

}
