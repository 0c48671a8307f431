package dev.roster.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.roster.job.JobDefinition;
import dev.roster.job.JobDefinition.Input;
import dev.roster.job.JobOption;
import dev.roster.job.JobOption.Door;
import dev.roster.job.JobOptionException;
import dev.roster.job.JobRequest;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The command of a job, made from its {@link JobDefinition}: {@code --account} (optional for a job of every account),
 * {@code --file} for a job that reads one, {@code --json}, and the options the definition offers on the command line.
 */
final class JobCommand implements Callable<Integer> {

	private final CliRuntime runtime;

	private final JobDefinition definition;

	private CommandSpec spec;

	private JobCommand(CliRuntime runtime, JobDefinition definition) {
		this.runtime = runtime;
		this.definition = definition;
	}

	/** The picocli command of a job. */
	static CommandSpec spec(CliRuntime runtime, JobDefinition definition) {
		JobCommand command = new JobCommand(runtime, definition);
		CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
		spec.name(definition.command());
		spec.mixinStandardHelpOptions(true);
		spec.usageMessage().description(definition.description().toArray(String[]::new));
		boolean anyAccount = definition.input() == Input.ANY_ACCOUNT;
		spec.addOption(OptionSpec.builder("--account")
			.required(!anyAccount)
			.paramLabel("A")
			.type(String.class)
			.description(anyAccount ? definition.inputDescription() : "The account to work on.")
			.build());
		spec.addOption(OptionSpec.builder("--json")
			.type(boolean.class)
			.description("Print the summary as one JSON object.")
			.build());
		Map<String, ArgGroupSpec.Builder> groups = new LinkedHashMap<>();
		if (definition.takesFile()) {
			add(spec, groups, definition.fileGroup(), OptionSpec.builder("--file")
				.required(true)
				.paramLabel("F")
				.type(Path.class)
				.description(definition.inputDescription())
				.build());
		}
		for (JobOption option : definition.options()) {
			if (option.offeredBy(Door.CLI)) {
				add(spec, groups, option.group(), option(option));
			}
		}
		groups.values().forEach((group) -> spec.addArgGroup(group.build()));
		command.spec = spec;
		return spec;
	}

	private static void add(CommandSpec spec, Map<String, ArgGroupSpec.Builder> groups, String group,
			OptionSpec option) {
		if (group == null) {
			spec.addOption(option);
			return;
		}
		ArgGroupSpec.Builder builder = groups.computeIfAbsent(group, (name) -> ArgGroupSpec.builder()
			.exclusive(true)
			.multiplicity("0..1"));
		if (option.required()) {
			// a group whose options are required needs one of them
			builder.multiplicity("1");
		}
		builder.addArg(option);
	}

	private static OptionSpec option(JobOption option) {
		OptionSpec.Builder builder = OptionSpec.builder(option.optionName())
			.required(option.required())
			.description(option.description());
		if (option.paramLabel() != null) {
			builder.paramLabel(option.paramLabel());
		}
		switch (option.type()) {
			case FLAG -> builder.type(boolean.class);
			case NUMBER -> builder.type(Integer.class);
			case OUTPUT -> builder.type(Path.class);
			case ENUM -> builder.type(String.class)
				.completionCandidates(option.choices())
				.converters(exactly(option.choices()))
				.defaultValue(option.defaultValue());
			default -> builder.type(String.class);
		}
		return builder.build();
	}

	/** As picocli converts an enum: case-sensitive, and saying so. */
	private static ITypeConverter<String> exactly(List<String> choices) {
		return (value) -> {
			if (!choices.contains(value)) {
				throw new TypeConversionException(
						"expected one of " + choices + " (case-sensitive) but was '" + value + "'");
			}
			return value;
		};
	}

	@Override
	public Integer call() {
		String account = this.spec.findOption("--account").getValue();
		boolean json = Boolean.TRUE.equals(this.spec.findOption("--json").getValue());
		Map<String, String> given = new LinkedHashMap<>();
		for (JobOption option : this.definition.options()) {
			OptionSpec spec = option.offeredBy(Door.CLI) ? this.spec.findOption(option.optionName()) : null;
			Object value = (spec != null) ? spec.getValue() : null;
			String text = text(option, value);
			if (text != null) {
				given.put(option.name(), text);
			}
		}
		Path file = this.definition.takesFile() ? this.spec.findOption("--file").getValue() : null;
		Map<String, String> values;
		try {
			// the options first, as each command always did: a bad --out is bad usage before any file is read
			values = this.definition.values(Door.CLI, given);
		}
		catch (JobOptionException ex) {
			throw new UsageException(ex.getMessage());
		}
		JobRequest request = JobRequest.forAccount(account);
		if (file != null) {
			request.file(JobLaunch.readable(file));
		}
		this.definition.request(request, values);
		return new JobLaunch(this.runtime, this.definition.command(), account, json, request)
			.run(this.definition.jobName());
	}

	/** An option's value as its parameter, or {@code null} when not given. */
	private static String text(JobOption option, Object value) {
		if (value == null) {
			return null;
		}
		switch (option.type()) {
			case FLAG -> {
				return Boolean.TRUE.equals(value) ? "true" : null;
			}
			case NUMBER -> {
				if ((Integer) value < 0) {
					throw new UsageException(option.optionName() + " must be 0 or more");
				}
				return value.toString();
			}
			case CHOICE -> {
				String given = value.toString().toLowerCase(Locale.ROOT);
				if (!option.choices().contains(given)) {
					throw new UsageException("unknown " + option.optionName() + " '" + value + "'; use "
							+ String.join(", ", option.choices().subList(0, option.choices().size() - 1)) + " or "
							+ option.choices().get(option.choices().size() - 1));
				}
				return given;
			}
			default -> {
				return value.toString();
			}
		}
	}

}
