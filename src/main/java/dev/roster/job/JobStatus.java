package dev.roster.job;

/**
 * How a job launch ended, with the exit code of SPEC §7 and the word the summary prints. Every door (the command line,
 * the drop folders, the schedules) decides on these, never on the printed word.
 */
public enum JobStatus {

	/** It ran to its end; rejected rows are not a failure. */
	COMPLETED("COMPLETED", JobOutcome.EXIT_COMPLETED),

	/** This input was processed before: nothing was done, the earlier execution is named. */
	ALREADY_COMPLETED("ALREADY_COMPLETED", JobOutcome.EXIT_COMPLETED),

	/** The input was refused as a whole; nothing was changed. */
	REJECTED("REJECTED", JobOutcome.EXIT_REJECTED),

	/** A safety guard stopped it before it changed anything; a person approves it with the job's approval option. */
	GUARD_STOPPED("STOPPED", JobOutcome.EXIT_GUARD),

	/** Asked to stop (serve shutting down) after a committed chunk; the same launch resumes it. */
	STOPPED("STOPPED", JobOutcome.EXIT_FAILED),

	/** It failed; the same command resumes it. */
	FAILED("FAILED", JobOutcome.EXIT_FAILED),

	/**
	 * Another Roster process holds this input right now; nothing was started. Printed as {@code FAILED}, as it
	 * always was: a script sees exit code 1 and tries again later.
	 */
	BUSY("FAILED", JobOutcome.EXIT_FAILED);

	private final String label;

	private final int exitCode;

	JobStatus(String label, int exitCode) {
		this.label = label;
		this.exitCode = exitCode;
	}

	/** The word of the summary line, the JSON {@code status} and the log lines. */
	public String label() {
		return this.label;
	}

	public int exitCode() {
		return this.exitCode;
	}

	/** Whether the input is done with: the drop folders archive it. */
	public boolean completed() {
		return this == COMPLETED || this == ALREADY_COMPLETED;
	}

}
