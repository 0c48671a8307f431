package dev.roster.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.roster.RosterJobs;
import dev.roster.api.ApiProblem;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobOption;
import dev.roster.job.JobParameterNames;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The bulk jobs form, generated from the jobs' definitions: the jobs of an account that read a file, and for the one
 * chosen a control per option the HTTP door offers (a choice is a list, a flag a checkbox, a number a number field),
 * labelled from the {@code jobs} bundle, or by the definition's own help for an option the bundle does not know yet.
 * The dry run is not one of them: the form always runs it first.
 */
@Component
class BulkJobForm {

	private final JobMessages messages;

	BulkJobForm(JobMessages messages) {
		this.messages = messages;
	}

	/** The jobs the form launches: those of one account that read a file. */
	static List<JobDefinition> jobs() {
		return RosterJobs.ALL.stream().filter(JobDefinition::takesFile).toList();
	}

	/** One of {@link #jobs()}; any other is 404. */
	JobDefinition job(String command) {
		return jobs().stream()
			.filter((definition) -> definition.command().equals(command))
			.findFirst()
			.orElseThrow(() -> ApiProblem.notFound(this.messages.text("jobs.form.noJob", command)));
	}

	/** The options the form offers for a job. */
	static List<JobOption> options(JobDefinition definition) {
		return definition.apiOptions()
			.stream()
			.filter((option) -> !option.name().equals(JobParameterNames.DRY_RUN))
			.toList();
	}

	/**
	 * What a person gave in a launch with these option values, as the form takes it: the options it offers that are
	 * not at their default (a dry run's, to apply it or show its form again).
	 */
	static Map<String, String> given(JobDefinition definition, Map<String, String> values) {
		Map<String, String> given = new LinkedHashMap<>();
		for (JobOption option : options(definition)) {
			String value = values.get(option.name());
			if (value != null && !value.equals(option.defaultValue())) {
				given.put(option.name(), value);
			}
		}
		return given;
	}

	/**
	 * Fills the model of the form for {@code definition}, with the values a person gave ({@code given}, by option
	 * name) or the defaults, and {@code problem} (in the person's language) when the last try was refused.
	 */
	void fill(Model model, JobDefinition definition, Map<String, String> given, String problem) {
		model.addAttribute("jobChoices", jobs().stream()
			.map((job) -> new JobChoice(job.command(), this.messages.job(job.command()),
					this.messages.textOr("jobs.job." + job.command() + ".help", job.description().get(0)),
					job.command().equals(definition.command())))
			.toList());
		model.addAttribute("chosen", new JobChoice(definition.command(), this.messages.job(definition.command()),
				this.messages.textOr("jobs.job." + definition.command() + ".help", definition.description().get(0)),
				true));
		model.addAttribute("fields", options(definition).stream().map((option) -> field(option, given)).toList());
		model.addAttribute("fileRequired", definition.fileGroup() == null);
		model.addAttribute("formProblem", problem);
	}

	private Field field(JobOption option, Map<String, String> given) {
		String name = option.name();
		String value = given.getOrDefault(name, option.defaultValue());
		String label = this.messages.textOr("jobs.option." + name, name);
		String help = this.messages.textOr("jobs.option." + name + ".help", option.description());
		return switch (option.type()) {
			case FLAG -> new Field(name, "checkbox", label, help, List.of(), "true", "true".equals(value));
			case ENUM, CHOICE -> {
				List<Choice> choices = new ArrayList<>();
				if (option.defaultValue() == null) {
					choices.add(new Choice("", this.messages.text("jobs.option.default"), value == null));
				}
				option.choices()
					.forEach((choice) -> choices.add(new Choice(choice,
							this.messages.textOr("jobs.option." + name + "." + choice, choice), choice.equals(value))));
				yield new Field(name, "select", label, help, choices, value, false);
			}
			// a number's default may be a word ("none"): the field is left blank for it
			case NUMBER -> new Field(name, "number", label, help, List.of(),
					(value != null && value.matches("[0-9]+")) ? value : "", false);
			default -> new Field(name, "text", label, help, List.of(), (value != null) ? value : "", false);
		};
	}

	/** A job the form offers, and whether it is the one chosen. */
	record JobChoice(String command, String label, String help, boolean current) {
	}

	/**
	 * A control of the form.
	 *
	 * @param kind {@code select}, {@code checkbox}, {@code number} or {@code text}
	 */
	record Field(String name, String kind, String label, String help, List<Choice> choices, String value,
			boolean checked) {
	}

	record Choice(String value, String label, boolean selected) {
	}

}
