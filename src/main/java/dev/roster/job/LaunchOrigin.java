package dev.roster.job;

/**
 * Who launched a job and through which door, as {@link JobHistory} records it.
 *
 * @param door how it came in: {@link #CLI}, {@link #API}, {@link #CONSOLE}, {@link #DROP_FOLDER} or
 * {@link #SCHEDULE}
 * @param launchedBy who: the caller of the HTTP door ({@code token:acme/workday}), the operating system's user for
 * the command line, {@code drop-folder}, {@code schedule:<id>}
 * @param fileName the input's name as it was given, or {@code null} to take the name of the file it reads
 */
public record LaunchOrigin(String door, String launchedBy, String fileName) {

	public static final String CLI = "cli";

	public static final String API = "api";

	public static final String CONSOLE = "console";

	public static final String DROP_FOLDER = "drop-folder";

	public static final String SCHEDULE = "schedule";

	/** The command line, run by the operating system's user. */
	public static LaunchOrigin commandLine() {
		return new LaunchOrigin(CLI, System.getProperty("user.name", "unknown"), null);
	}

	/** A file dropped into an account's folder, by its name there. */
	public static LaunchOrigin dropFolder(String fileName) {
		return new LaunchOrigin(DROP_FOLDER, DROP_FOLDER, fileName);
	}

	/** A schedule of {@code serve.yaml}, by its id. */
	public static LaunchOrigin schedule(String id) {
		return new LaunchOrigin(SCHEDULE, SCHEDULE + ":" + id, null);
	}

}
