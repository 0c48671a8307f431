package dev.roster.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.job.JobOption.Door;

/**
 * A job's launch contract, written once in the job's own package and read by every door: the command line builds
 * its command from it, serve its drop folder or schedule and the checks of {@code jobs/serve.yaml}, and each turns
 * what a person gave into the same {@link JobRequest}, so the same input and options are the same job instance
 * whichever way they come in.
 *
 * @param command the command name, which is also the drop folder's and a schedule's {@code run:}
 * ({@code import-users})
 * @param jobName the Spring Batch job bean ({@code importUsersJob})
 * @param description the command's help, one paragraph a line
 * @param input what the job reads
 * @param inputDescription the help of {@code --file}, or of {@code --account} for a job of every account
 * @param fileGroup the command-line group {@code --file} belongs to, whose one option is given instead of it,
 * or {@code null}
 * @param options the job's own options, in the order {@code serve.yaml} lists them
 * @param counts the row counters its summary prints, in order
 * @param delivers whether it delivers the account's queued emails at its end
 * @param approval the command-line option that approves what its safety guard stopped, or {@code null}
 * @param desiredState whether its file is the account's desired state (every run compares it with the account)
 * @param everyTime whether every launch runs (an export, a delivery): it never counts as done
 * @param check the checks of a launch's options that no single option can make, or {@code null}
 */
public record JobDefinition(String command, String jobName, List<String> description, Input input,
		String inputDescription, String fileGroup, List<JobOption> options, List<String> counts, boolean delivers,
		String approval, boolean desiredState, boolean everyTime, Check check) {

	/** What a job reads. */
	public enum Input {

		/** A file of one account: {@code --account} and {@code --file}, or a file dropped into its folder. */
		FILE,

		/** One account's data, no file ({@code --account} required). */
		ACCOUNT,

		/** One account's data, or every account's ({@code --account} optional); serve runs it on a schedule. */
		ANY_ACCOUNT

	}

	/** Checks the values of a launch, by option name; throws {@link JobOptionException}. */
	@FunctionalInterface
	public interface Check {

		void check(Map<String, String> values);

	}

	public JobDefinition {
		description = List.copyOf(description);
		options = List.copyOf(options);
		counts = List.copyOf(counts);
	}

	public static Builder builder(String command, String jobName) {
		return new Builder(command, jobName);
	}

	public boolean takesFile() {
		return this.input == Input.FILE;
	}

	/** Whether serve runs it: it offers a drop folder or can be scheduled. */
	public boolean served() {
		return this.input != Input.ACCOUNT;
	}

	/**
	 * The parameters of a launch from {@code door}: the given values of the options that door offers, the defaults
	 * of the others. {@code given} holds the values by option name; a name missing is an option not given.
	 */
	public JobRequest request(JobRequest request, Door door, Map<String, String> given) {
		return request(request, values(door, given));
	}

	/**
	 * The values of a launch from {@code door}, by option name: the given values of the options that door offers,
	 * the defaults of the others, checked together.
	 */
	public Map<String, String> values(Door door, Map<String, String> given) {
		Map<String, String> values = new LinkedHashMap<>();
		for (JobOption option : this.options) {
			String value = option.offeredBy(door) ? given.getOrDefault(option.name(), option.defaultValue())
					: option.defaultValue();
			if (value != null) {
				values.put(option.name(), value);
			}
		}
		if (this.check != null) {
			this.check.check(values);
		}
		return values;
	}

	/** The parameters of a launch with these {@link #values}. */
	public JobRequest request(JobRequest request, Map<String, String> values) {
		boolean everyTime = this.everyTime;
		for (JobOption option : this.options) {
			String value = values.get(option.name());
			if (value == null) {
				continue;
			}
			if (option.type() == JobOption.Type.OUTPUT) {
				value = Path.of(value).toAbsolutePath().toString();
			}
			if (option.identifying()) {
				request.identifying(option.name(), value);
			}
			else {
				request.option(option.name(), value);
			}
			everyTime |= value.equals(option.everyTimeWhen());
		}
		return everyTime ? request.everyTime() : request;
	}

	/**
	 * The values of an account's {@code serve.yaml} options for this job (checked, defaults for those not set), by
	 * option name. {@code where} names the settings in errors; a setting this job does not take is an error, since a
	 * typo must not pass for a default.
	 */
	public Map<String, String> settings(Map<String, Object> settings, String where) {
		Set<String> unknown = new LinkedHashSet<>(settings.keySet());
		List<String> offered = new ArrayList<>();
		Map<String, String> values = new LinkedHashMap<>();
		for (JobOption option : this.options) {
			if (option.offeredBy(Door.SERVE)) {
				offered.add(option.name());
				unknown.remove(option.name());
				String value = option.fromSetting(settings.get(option.name()), where);
				if (value != null) {
					values.put(option.name(), value);
				}
			}
		}
		if (!unknown.isEmpty()) {
			throw new JobOptionException(where + ": unknown option" + ((unknown.size() > 1) ? "s " : " ")
					+ String.join(", ", unknown) + ((offered.isEmpty()) ? " (this job takes no options)"
							: " (this job takes: " + String.join(", ", offered) + ")"));
		}
		return values;
	}

	/** Builds a definition; what is not set is off. */
	public static final class Builder {

		private final String command;

		private final String jobName;

		private final List<String> description = new ArrayList<>();

		private Input input = Input.FILE;

		private String inputDescription;

		private String fileGroup;

		private final List<JobOption> options = new ArrayList<>();

		private final List<String> counts = new ArrayList<>();

		private boolean delivers;

		private String approval;

		private boolean desiredState;

		private boolean everyTime;

		private Check check;

		private Builder(String command, String jobName) {
			this.command = command;
			this.jobName = jobName;
		}

		public Builder description(String... paragraphs) {
			this.description.addAll(List.of(paragraphs));
			return this;
		}

		/** Reads a file: {@code --file}, helped with {@code description}. */
		public Builder file(String description) {
			this.input = Input.FILE;
			this.inputDescription = description;
			return this;
		}

		/** {@code --file} is one of a command-line group of options, of which exactly one is given. */
		public Builder fileInGroup(String group) {
			this.fileGroup = group;
			return this;
		}

		/** Works on one account's data, no file. */
		public Builder account() {
			this.input = Input.ACCOUNT;
			return this;
		}

		/** Works on one account or every account: {@code --account} helped with {@code description}. */
		public Builder anyAccount(String description) {
			this.input = Input.ANY_ACCOUNT;
			this.inputDescription = description;
			return this;
		}

		public Builder option(JobOption option) {
			this.options.add(option);
			return this;
		}

		public Builder counts(String... names) {
			this.counts.addAll(List.of(names));
			return this;
		}

		public Builder delivers() {
			this.delivers = true;
			return this;
		}

		public Builder approvedWith(String option) {
			this.approval = option;
			return this;
		}

		public Builder desiredState() {
			this.desiredState = true;
			return this;
		}

		public Builder everyTime() {
			this.everyTime = true;
			return this;
		}

		public Builder check(Check check) {
			this.check = check;
			return this;
		}

		public JobDefinition build() {
			return new JobDefinition(this.command, this.jobName, this.description, this.input, this.inputDescription,
					this.fileGroup, this.options, this.counts, this.delivers, this.approval, this.desiredState,
					this.everyTime, this.check);
		}

	}

}
