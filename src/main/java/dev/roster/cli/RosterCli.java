package dev.roster.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.roster.RosterHome;
import dev.roster.RosterJobs;
import dev.roster.account.AccountDefinitionException;
import dev.roster.intake.InputRejectedException;
import dev.roster.job.JobDefinition;
import dev.roster.job.JobOutcome;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs one command line and returns its exit code. */
public final class RosterCli {

	private RosterCli() {
	}

	/** The process entry point: starts the application only if the command needs it, and stops it after. */
	public static int main(Class<?> application, String... args) {
		PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
		PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
		ConfigurableApplicationContext[] started = new ConfigurableApplicationContext[1];
		try {
			return run(new CliRuntime((serving) -> started[0] = application(application, serving).run(),
					RosterCli::home, out, err), args);
		}
		finally {
			if (started[0] != null) {
				started[0].close();
			}
		}
	}

	/** Runs a command line in an application context that is already running. */
	public static int run(ApplicationContext context, PrintWriter out, PrintWriter err, String... args) {
		return run(new CliRuntime((serving) -> context, () -> context.getBean(RosterHome.class), out, err), args);
	}

	/**
	 * Every command runs without a web server but {@code roster serve}, which runs with the {@code serve} profile as
	 * a web application: the API and console on {@code server.port}, the actuator on {@code management.server.port}
	 * when set.
	 * <p>
	 * Other commands start as {@link CommandStart} says.
	 */
	static SpringApplication application(Class<?> application, boolean serving) {
		if (!serving) {
			return CommandStart.application(application);
		}
		SpringApplication spring = new SpringApplication(application);
		spring.setAdditionalProfiles("serve");
		spring.addListeners(new HttpServers());
		return spring;
	}

	/** The home alone: a context of nothing but its binding, from the same configuration and arguments. */
	private static RosterHome home() {
		SpringApplication spring = new SpringApplication(HomeOnlyConfiguration.class);
		spring.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = spring.run()) {
			return context.getBean(RosterHome.class);
		}
	}

	private static int run(CliRuntime runtime, String... args) {
		IFactory factory = factory(runtime);
		CommandLine commandLine = new CommandLine(new RootCommand(), factory);
		Map<String, Supplier<CommandLine>> commands = new LinkedHashMap<>();
		commands.put("account", () -> new CommandLine(AccountCommand.class, factory));
		for (JobDefinition job : RosterJobs.ALL) {
			commands.put(job.command(), () -> new CommandLine(JobCommand.spec(runtime, job), factory));
		}
		commands.put("token", () -> new CommandLine(TokenCommand.class, factory));
		commands.put("admin", () -> new CommandLine(AdminCommand.class, factory));
		commands.put("serve", () -> new CommandLine(ServeCommand.class, factory));
		commands.put("db", () -> new CommandLine(DbCommand.class, factory));
		// a command line that starts with its command's name gets that command alone: reading every command's
		// options costs a short command tens of milliseconds. Help, a typo or no command at all gets them all.
		Supplier<CommandLine> named = (args.length > 0) ? commands.get(args[0]) : null;
		for (Supplier<CommandLine> command : (named != null) ? List.of(named) : commands.values()) {
			commandLine.addSubcommand(command.get());
		}
		commandLine.setOut(runtime.out());
		commandLine.setErr(runtime.err());
		commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
			Throwable cause = rootCause(ex);
			command.getErr().println("roster: " + cause.getMessage());
			command.getErr().flush();
			return (cause instanceof UsageException || cause instanceof InputRejectedException
					|| cause instanceof AccountDefinitionException) ? JobOutcome.EXIT_REJECTED : JobOutcome.EXIT_FAILED;
		});
		return commandLine.execute(args);
	}

	/** Commands that take the runtime get it; picocli's own classes are made as usual. */
	private static IFactory factory(CliRuntime runtime) {
		IFactory defaults = CommandLine.defaultFactory();
		return new IFactory() {

			@Override
			public <K> K create(Class<K> type) throws Exception {
				try {
					var constructor = type.getDeclaredConstructor(CliRuntime.class);
					return constructor.newInstance(runtime);
				}
				catch (NoSuchMethodException ex) {
					return defaults.create(type);
				}
			}

		};
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof UsageException)
				&& !(cause instanceof InputRejectedException)) {
			cause = cause.getCause();
		}
		return cause;
	}

}
