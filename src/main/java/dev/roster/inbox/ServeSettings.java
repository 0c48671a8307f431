package dev.roster.inbox;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roster.job.JobOptionException;
import dev.roster.job.JobRequest;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import org.springframework.scheduling.support.CronExpression;

/**
 * What {@code jobs/serve.yaml} says per account: the options of its jobs and its schedules. Read once when serve
 * starts and checked whole: an unknown account, job or option, a bad cron or a job this version does not have stops
 * the start with a message naming the place, because a schedule that silently never runs is worse than no start.
 */
record ServeSettings(Map<String, Map<String, Map<String, Object>>> options, List<Schedule> schedules) {

	static ServeSettings none() {
		return new ServeSettings(Map.of(), List.of());
	}

	/** The options of an account's job, checked, by name: the operator's, and the job's defaults for the others. */
	Map<String, String> values(String account, InboxJob job) {
		Map<String, Object> given = this.options.getOrDefault(account, Map.of()).get(job.command());
		String where = "serve.yaml accounts." + account + ".options." + job.command();
		try {
			return job.definition().settings((given != null) ? given : Map.of(), where);
		}
		catch (JobOptionException ex) {
			throw new ServeSettingsException(ex.getMessage());
		}
	}

	static ServeSettings read(Path file, InboxJobs jobs, Set<String> accounts) {
		if (!Files.isRegularFile(file)) {
			return none();
		}
		Object root;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (YAMLException ex) {
			throw new ServeSettingsException(file + " is not valid YAML: " + ex.getMessage());
		}
		if (root == null) {
			return none();
		}
		Map<String, Object> top = map(root, "serve.yaml");
		keys(top, "serve.yaml", List.of("accounts"));
		Map<String, Map<String, Map<String, Object>>> options = new LinkedHashMap<>();
		List<Schedule> schedules = new ArrayList<>();
		Map<String, Object> accountsNode = map(top.getOrDefault("accounts", Map.of()), "serve.yaml accounts");
		for (Map.Entry<String, Object> account : accountsNode.entrySet()) {
			String slug = account.getKey();
			String where = "serve.yaml accounts." + slug;
			if (!accounts.contains(slug)) {
				throw new ServeSettingsException(where + ": no account '" + slug
						+ "' (support staff create it with: roster account create " + slug + " --name ...)");
			}
			Map<String, Object> node = map(account.getValue(), where);
			keys(node, where, List.of("options", "schedules"));
			Map<String, Map<String, Object>> jobOptions = new LinkedHashMap<>();
			map(node.getOrDefault("options", Map.of()), where + ".options").forEach((command, values) -> {
				String at = where + ".options." + command;
				known(jobs, command, at);
				jobOptions.put(command, map(values, at));
			});
			options.put(slug, jobOptions);
			map(node.getOrDefault("schedules", Map.of()), where + ".schedules").forEach((name, value) -> schedules
				.add(schedule(slug, name, map(value, where + ".schedules." + name), where + ".schedules." + name, jobs)));
		}
		ServeSettings settings = new ServeSettings(options, schedules);
		// every account's options must make a launch now, not on the first file at 3 a.m.
		for (String slug : accounts) {
			for (InboxJob job : jobs.all()) {
				try {
					job.request(JobRequest.forAccount(slug), settings.values(slug, job));
				}
				catch (JobOptionException ex) {
					throw new ServeSettingsException(ex.getMessage());
				}
			}
		}
		return settings;
	}

	private static Schedule schedule(String account, String name, Map<String, Object> node, String where,
			InboxJobs jobs) {
		keys(node, where, List.of("cron", "zone", "run", "from"));
		String cron = required(node, "cron", where);
		try {
			CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw new ServeSettingsException(where + ": cron '" + cron + "' is not valid (" + ex.getMessage()
					+ "); use six fields: second minute hour day-of-month month day-of-week, e.g. \"0 30 2 * * *\"");
		}
		ZoneId zone;
		try {
			zone = node.containsKey("zone") ? ZoneId.of(node.get("zone").toString()) : ZoneId.systemDefault();
		}
		catch (DateTimeException ex) {
			throw new ServeSettingsException(where + ": unknown time zone '" + node.get("zone") + "'");
		}
		InboxJob job = known(jobs, required(node, "run", where), where + ".run");
		Path from = null;
		if (job.takesFile()) {
			from = Path.of(required(node, "from", where));
		}
		else if (node.containsKey("from")) {
			throw new ServeSettingsException(where + ": " + job.command() + " reads no file; remove 'from'");
		}
		return new Schedule(account, name, cron, zone, job, from);
	}

	private static InboxJob known(InboxJobs jobs, String command, String where) {
		return jobs.find(command)
			.orElseThrow(() -> new ServeSettingsException(where + ": unknown job '" + command + "'; serve knows "
					+ String.join(", ", jobs.all().stream().map(InboxJob::command).toList())));
	}

	private static String required(Map<String, Object> node, String key, String where) {
		Object value = node.get(key);
		if (value == null || value.toString().isBlank()) {
			throw new ServeSettingsException(where + ": '" + key + "' is required");
		}
		return value.toString().strip();
	}

	private static void keys(Map<String, Object> node, String where, List<String> allowed) {
		for (String key : node.keySet()) {
			if (!allowed.contains(key)) {
				throw new ServeSettingsException(where + ": unknown key '" + key + "'; expected "
						+ String.join(", ", allowed));
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node, String where) {
		if (node == null) {
			return Map.of();
		}
		if (!(node instanceof Map<?, ?> map)) {
			throw new ServeSettingsException(where + ": expected a mapping (key: value lines), found '" + node + "'");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		((Map<Object, Object>) map).forEach((key, value) -> result.put(String.valueOf(key), value));
		return result;
	}

}
