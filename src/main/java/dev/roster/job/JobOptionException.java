package dev.roster.job;

/**
 * Options a job cannot be launched with (an unknown setting, a value out of range, two options that exclude each
 * other). The command line answers it as bad usage (exit code 2), serve refuses to start on it.
 */
public class JobOptionException extends IllegalArgumentException {

	public JobOptionException(String message) {
		super(message);
	}

}
