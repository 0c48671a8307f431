package dev.roster.job;

/**
 * The job parameters a step-scoped bean reads, as {@code @Value} expressions made from {@link JobParameterNames}: a
 * configuration writes {@code @Value(JobParameterValues.FILE)}, never a parameter's name a second time.
 */
public final class JobParameterValues {

	public static final String ACCOUNT = "#{jobParameters['" + JobParameterNames.ACCOUNT + "']}";

	public static final String FILE = "#{jobParameters['" + JobParameterNames.FILE + "']}";

	public static final String SHEET = "#{jobParameters['" + JobParameterNames.SHEET + "']}";

	public static final String MODE = "#{jobParameters['" + JobParameterNames.MODE + "']}";

	public static final String DRY_RUN = "#{jobParameters['" + JobParameterNames.DRY_RUN + "']}";

	public static final String KIND = "#{jobParameters['" + JobParameterNames.KIND + "']}";

	public static final String REPLACE = "#{jobParameters['" + JobParameterNames.REPLACE + "']}";

	public static final String ALLOW_MASS_TERMINATION = "#{jobParameters['"
			+ JobParameterNames.ALLOW_MASS_TERMINATION + "']}";

	public static final String MAX_TERMINATIONS = "#{jobParameters['" + JobParameterNames.MAX_TERMINATIONS + "']}";

	private JobParameterValues() {
	}

}
