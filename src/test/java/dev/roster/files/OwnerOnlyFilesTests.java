package dev.roster.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.roster.IntegrationTest;
import dev.roster.MailServer;
import dev.roster.RosterHome;
import dev.roster.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What the jobs write into {@code $ROSTER_HOME}: owner-only, and never through a link planted beside it. */
class OwnerOnlyFilesTests extends IntegrationTest {

	@TempDir
	Path temp;

	@Test
	void aLinkPlantedAtTheTemporaryNameOfAReportIsNeverWrittenThrough() throws IOException {
		createAcme();
		Path victim = Files.writeString(this.temp.resolve("victim.txt"), "untouched");
		Path reports = home().folder("reports", "acme");
		List<Path> planted = plant(victim, reports, "import-users-%d-rejects.csv.tmp",
				"import-users-%d-delivery.csv.tmp", ".import-users-%d-rejects.csv.tmp");
		try {
			importWithARejectAndARefusal(victim, reports, planted);
		}
		finally {
			for (Path link : planted) {
				Files.deleteIfExists(link);
			}
		}
	}

	private void importWithARejectAndARefusal(Path victim, Path reports, List<Path> planted) throws IOException {
		MailServer.refuse("john.smith@acme.example");
		Path file = TestFiles.csv(this.temp, "invites.csv", "Email,First Name,Last Name,Office",
				"john.smith@acme.example,John,Smith,Madrid", "bad.office@acme.example,Pablo,Ruiz,Lisbon");

		Result result = roster("import-users", "--account", "acme", "--file", file.toString());

		assertThat(result.out()).contains("created=1").contains("rejected=1").contains("failed=1");
		assertThat(victim).hasContent("untouched");
		Path report = Path.of(result.field("report"));
		assertThat(planted).contains(reports.resolve(report.getFileName() + ".tmp"));
		assertThat(Files.isRegularFile(report, LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(mode(report)).isEqualTo("rw-------");
		assertThat(TestFiles.reportBy(report.toString(), "Email").get("bad.office@acme.example")).containsEntry("Row",
				"3");
		Path delivery = reports.resolve(report.getFileName().toString().replace("-rejects.csv", "-delivery.csv"));
		assertThat(Files.isRegularFile(delivery, LinkOption.NOFOLLOW_LINKS)).as(delivery.toString()).isTrue();
		assertThat(mode(delivery)).isEqualTo("rw-------");
		assertThat(TestFiles.report(delivery.toString()).get(1).get(1)).isEqualTo("john.smith@acme.example");
	}

	@Test
	void aHomeFromBeforeIsMadeOwnerOnlyFilesAndAllByTheNextCommand() throws IOException {
		createAcme();
		Path home = home().home().toRealPath();
		Path outbox = Files.createDirectories(home.resolve("outbox"));
		Path reports = Files.createDirectories(home.resolve("reports/acme"));
		Path eml = Files.writeString(outbox.resolve("ann@acme.example-activation-1.eml"), "Subject: set your password");
		Path report = Files.writeString(reports.resolve("import-users-1-rejects.csv"), "Email,Row,Error");
		for (Path folder : List.of(home, outbox, reports.getParent(), reports)) {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		for (Path written : List.of(eml, report)) {
			Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-r--r--"));
		}

		Result result = roster("import-users", "--account", "acme", "--no-deliver", "--file",
				fixture("importusers/invites.csv").toString());

		assertThat(result.exitCode()).isZero();
		for (Path folder : List.of(home, outbox, reports.getParent(), reports)) {
			assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------");
		}
		assertThat(mode(eml)).isEqualTo("rw-------");
		assertThat(mode(report)).isEqualTo("rw-------");
		Path log = home.resolve("logs/roster.log");
		if (Files.exists(log)) {
			assertThat(mode(log)).isEqualTo("rw-------");
		}
		Files.delete(eml);
		Files.delete(report);
	}

	/** Links at the names the next few executions of a job would have used, in a predictable scheme. */
	private List<Path> plant(Path victim, Path folder, String... patterns) throws IOException {
		Map<String, Object> sequence = this.jdbc
			.queryForMap("select last_value, is_called from batch_job_execution_seq");
		long next = ((Number) sequence.get("last_value")).longValue()
				+ (Boolean.TRUE.equals(sequence.get("is_called")) ? 1 : 0);
		List<Path> planted = new ArrayList<>();
		for (long id = next; id < next + 3; id++) {
			for (String pattern : patterns) {
				Path link = folder.resolve(pattern.formatted(id));
				Files.deleteIfExists(link);
				planted.add(Files.createSymbolicLink(link, victim));
			}
		}
		return planted;
	}

	private RosterHome home() {
		return this.context.getBean(RosterHome.class);
	}

	private static String mode(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
