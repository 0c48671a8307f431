package dev.roster.files;

import java.nio.file.Path;

import dev.roster.RosterHome;
import dev.roster.account.AccountSlugs;

import org.springframework.stereotype.Component;

/**
 * The one place that names report files: {@code reports/<account>/<command>-<execution>...csv} under the home, a
 * report about no single account under {@code reports/_service/}. The execution id makes every run's report its own,
 * and the name says which job wrote it and what it is.
 */
@Component
public class ReportFiles {

	private final RosterHome home;

	ReportFiles(RosterHome home) {
		this.home = home;
	}

	/** The rows a job rejected: {@code <command>-<execution>-rejects.csv}. */
	public Path rejects(String account, String command, long execution) {
		return folder(account).resolve(name(command, execution, "-rejects"));
	}

	/** What a dry run (or a run a guard stopped) would do, row by row: {@code <command>-<execution>-plan.csv}. */
	public Path plan(String account, String command, long execution) {
		return folder(account).resolve(name(command, execution, "-plan"));
	}

	/** {@link #plan} on a dry run, else {@link #rejects}. */
	public Path rows(String account, String command, long execution, boolean plan) {
		return plan ? plan(account, command, execution) : rejects(account, command, execution);
	}

	/** The emails a job queued and did not simply send: {@code <command>-<execution>-delivery.csv}. */
	public Path delivery(String account, String command, long execution) {
		return folder(account).resolve(name(command, execution, "-delivery"));
	}

	/**
	 * The report of a job whose whole work is the report (the outbox a delivery went through):
	 * {@code <command>-<execution>.csv}.
	 * @param account the account, or {@code null} for a run over every account
	 */
	public Path report(String account, String command, long execution) {
		return folder(account).resolve(name(command, execution, ""));
	}

	private Path folder(String account) {
		return this.home.folder("reports", (account != null) ? account : AccountSlugs.SERVICE_FOLDER);
	}

	private static String name(String command, long execution, String suffix) {
		return command + "-" + execution + suffix + ".csv";
	}

}
