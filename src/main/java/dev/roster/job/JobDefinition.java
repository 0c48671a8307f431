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
	 * The options the HTTP API offers: those of the command line but the files it would write and the approval of
	 * what a guard stopped, which only a person gives, by approving the stopped launch.
	 */
	public List<JobOption> apiOptions() {
		return this.options.stream()
			.filter((option) -> option.offeredBy(Door.API) && !option.optionName().equals(this.approval))
			.toList();
	}

	/**
	 * Whether these values set an option of the approval's group (sync-roster's {@code max-terminations}): a limit of
	 * the safety guard, which a person sets, never a machine.
	 */
	public boolean loosensGuard(Map<String, String> values) {
		String group = this.options.stream()
			.filter((option) -> option.optionName().equals(this.approval))
			.map(JobOption::group)
			.findFirst()
			.orElse(null);
		return group != null && this.options.stream()
			.anyMatch((option) -> group.equals(option.group()) && values.containsKey(option.name())
					&& !values.get(option.name()).equals(option.defaultValue()));
	}

	/**
	 * The values of an API launch, by option name, from its form fields or query parameters, checked as the command
	 * line checks its options: an unknown name, a bad value, two options of one group or a file missing (or sent to
	 * a job that reads none) is a {@link JobOptionException}. {@code fileGiven} says whether a file came with it.
	 */
	public Map<String, String> apiValues(Map<String, String> given, boolean fileGiven) {
		List<JobOption> offered = apiOptions();
		Set<String> unknown = new LinkedHashSet<>(given.keySet());
		offered.forEach((option) -> unknown.remove(option.name()));
		if (!unknown.isEmpty()) {
			throw new JobOptionException("unknown option" + ((unknown.size() > 1) ? "s " : " ")
					+ String.join(", ", unknown) + ((offered.isEmpty()) ? " (" + this.command + " takes no options)"
							: " (" + this.command + " takes: "
									+ String.join(", ", offered.stream().map(JobOption::name).toList()) + ")"));
		}
		Map<String, String> parsed = new LinkedHashMap<>();
		Map<String, List<String>> groups = new LinkedHashMap<>();
		if (this.fileGroup != null && fileGiven) {
			groups.computeIfAbsent(this.fileGroup, (group) -> new ArrayList<>()).add("file");
		}
		for (JobOption option : offered) {
			String value = given.get(option.name());
			String checked = (value != null) ? option.fromText(value, "option") : null;
			// a flag set to false is a flag not given, as on the command line
			if (checked == null || (option.type() == JobOption.Type.FLAG && checked.equals("false"))) {
				continue;
			}
			parsed.put(option.name(), checked);
			if (option.group() != null) {
				groups.computeIfAbsent(option.group(), (group) -> new ArrayList<>()).add(option.name());
			}
		}
		groups.values()
			.stream()
			.filter((names) -> names.size() > 1)
			.findFirst()
			.ifPresent((names) -> {
				throw new JobOptionException(String.join(" and ", names) + " exclude each other; give one");
			});
		if (this.fileGroup != null && !groups.containsKey(this.fileGroup)) {
			throw new JobOptionException(this.command + " needs a file or one of: " + String.join(", ",
					offered.stream().filter((option) -> this.fileGroup.equals(option.group())).map(JobOption::name).toList()));
		}
		if (takesFile() && this.fileGroup == null && !fileGiven) {
			throw new JobOptionException(this.command + " reads a file: send it as the multipart part 'file' or as "
					+ "the request body");
		}
		if (!takesFile() && fileGiven) {
			throw new JobOptionException(this.command + " reads no file; send its options only");
		}
		return values(Door.API, parsed);
	}

	/**
	 * The values of the launch that approves what the safety guard stopped in a launch with {@code earlier} values:
	 * the same, with the approval given and the other options of its group (other ways of allowing terminations)
	 * back to their defaults.
	 */
	public Map<String, String> approvedValues(Map<String, String> earlier) {
		JobOption approved = this.options.stream()
			.filter((option) -> option.optionName().equals(this.approval))
			.findFirst()
			.orElseThrow(() -> new JobOptionException(this.command + " has nothing to approve"));
		Map<String, String> given = new LinkedHashMap<>(earlier);
		this.options.stream()
			.filter((option) -> option.group() != null && option.group().equals(approved.group()))
			.forEach((option) -> given.remove(option.name()));
		given.put(approved.name(), "true");
		Map<String, String> values = new LinkedHashMap<>();
		for (JobOption option : this.options) {
			String value = given.getOrDefault(option.name(), option.defaultValue());
			if (value != null) {
				values.put(option.name(), value);
			}
		}
		if (this.check != null) {
			this.check.check(values);
		}
		return values;
	}

	/** Whether a launch with these values runs every time (a dry run, an export): it never counts as done. */
	public boolean everyTime(Map<String, String> values) {
		return this.everyTime || this.options.stream()
			.anyMatch((option) -> option.everyTimeWhen() != null && option.everyTimeWhen().equals(values.get(option.name())));
	}

	/** The values that make a launch the job instance it is, by option name. */
	public Map<String, String> identifying(Map<String, String> values) {
		Map<String, String> identifying = new LinkedHashMap<>();
		this.options.stream()
			.filter((option) -> option.identifying() && values.containsKey(option.name()))
			.forEach((option) -> identifying.put(option.name(), values.get(option.name())));
		return identifying;
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
