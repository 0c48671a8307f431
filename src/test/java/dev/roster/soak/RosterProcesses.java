package dev.roster.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Runs Roster commands as operators do, each in a JVM of its own on the soak's home, and kills them with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) at a {@link KillPoint}. While a job runs, its progress is read from
 * Spring Batch's tables, which every chunk updates in its own transaction, so what is seen there is what committed.
 */
final class RosterProcesses implements AutoCloseable {

	/** How a process ended. */
	record Run(String label, KillPoint kill, boolean killed, int exitCode, String summary, String errors,
			double seconds, Execution execution) {

		String describe() {
			return this.label + (this.killed ? " killed at " + this.kill : " exited " + this.exitCode)
					+ String.format(Locale.ROOT, " after %.1fs", this.seconds);
		}

	}

	/** The newest job execution of a process, as its committed rows say. */
	record Execution(long id, String status, Map<String, Step> steps) {

		long read() {
			return this.steps.values().stream().mapToLong(Step::read).sum();
		}

		long commits() {
			return this.steps.values().stream().mapToLong(Step::commits).sum();
		}

	}

	record Step(String status, long read, long commits) {
	}

	private static final String EXECUTION = """
			select e.job_execution_id, e.status, s.step_name, s.status, s.read_count, s.commit_count
			from batch_job_execution e left join batch_step_execution s on s.job_execution_id = e.job_execution_id
			where e.job_execution_id = (select max(job_execution_id) from batch_job_execution where job_execution_id > ?)
			order by s.step_execution_id""";

	private final Path work;

	private final Path logs;

	private final Map<String, String> environment;

	private final SoakDatabase database;

	private final List<String> javaOptions;

	private final List<Process> running = new ArrayList<>();

	private long orphan = -1;

	/** Launch to first job execution, as last seen; the start kills are spread over it. */
	private double startSeconds = 10;

	private int launches;

	RosterProcesses(Path work, Path logs, Map<String, String> environment, SoakDatabase database,
			List<String> javaOptions) {
		this.work = work;
		this.logs = logs;
		this.environment = environment;
		this.database = database;
		this.javaOptions = javaOptions;
	}

	/** Runs a command to its end. */
	Run run(String label, List<String> args) throws IOException, InterruptedException {
		return attempt(label, args, null, 0, (execution) -> 0, 0);
	}

	/**
	 * Runs a job's command, killing it at {@code kill} (none: to its end).
	 * @param after the newest execution before this process: a newer one is this process's
	 * @param progress how much work the process has done, from its execution (may be {@code null})
	 * @param left how much work is left when it starts, in the unit of {@code progress}
	 */
	Run attempt(String label, List<String> args, KillPoint kill, long after, ToLongFunction<Execution> progress,
			long left) throws IOException, InterruptedException {
		Process process = launch(label, args);
		long started = System.nanoTime();
		long killAt = (kill instanceof KillPoint.Start start) ? started + (long) (start.share() * this.startSeconds * 1e9)
				: Long.MAX_VALUE;
		// no work left: a work kill waits for the end instead
		KillPoint trigger = (kill instanceof KillPoint.Work && left <= 0) ? new KillPoint.End() : kill;
		boolean armed = kill instanceof KillPoint.Start;
		boolean killed = false;
		boolean seen = false;
		long stagingFrom = -1;
		Execution execution = null;
		Connection connection = null;
		try {
			while (!process.waitFor(pollMillis(kill, armed, killAt), TimeUnit.MILLISECONDS)) {
				long now = System.nanoTime();
				if (now >= killAt) {
					process.destroyForcibly();
					killed = true;
					break;
				}
				if (armed && !(trigger instanceof KillPoint.Work)) {
					continue;
				}
				connection = connectToNewServer(connection);
				if (connection != null) {
					try {
						Execution newest = execution(connection, after);
						execution = (newest != null) ? newest : execution;
					}
					catch (SQLException ex) {
						connection = close(connection);
					}
				}
				if (execution != null && !seen) {
					seen = true;
					this.startSeconds = (now - started) / 1e9;
				}
				if (armed) {
					// the work ended before the moment drawn: kill it at its end rather than not at all
					if (execution != null && "COMPLETED".equals(execution.status())) {
						killAt = now;
					}
					continue;
				}
				if (trigger instanceof KillPoint.Work point) {
					if (progress.applyAsLong(execution) >= point.share() * left) {
						killAt = now + TimeUnit.MILLISECONDS.toNanos(point.extraMillis());
						armed = true;
					}
				}
				else if (trigger instanceof KillPoint.Apply point && execution != null) {
					if (stagingFrom < 0 && execution.read() > 0) {
						stagingFrom = now;
					}
					if (execution.steps().keySet().stream().anyMatch((step) -> step.contains("Apply"))) {
						double staging = (stagingFrom > 0) ? (now - stagingFrom) / 1e9 : 0.5;
						killAt = now + (long) (point.share() * Math.max(0.3, staging) * 1e9);
						armed = true;
					}
				}
				else if (trigger instanceof KillPoint.End && execution != null
						&& "COMPLETED".equals(execution.status())) {
					killAt = now;
					armed = true;
				}
			}
		}
		finally {
			close(connection);
		}
		process.waitFor();
		this.running.remove(process);
		double seconds = (System.nanoTime() - started) / 1e9;
		if (killed) {
			this.orphan = this.database.postmaster().map(ProcessHandle::pid).orElse(-1L);
			// the orphan holds what committed: read the execution once more, then let go of it for the next start
			if (this.orphan > 0 && this.database.ready()) {
				try (Connection last = this.database.connect()) {
					Execution newest = execution(last, after);
					execution = (newest != null) ? newest : execution;
				}
				catch (SQLException ex) {
					// it was still starting or stopping: keep what was seen before
				}
			}
		}
		String out = Files.readString(output(label, "out"), StandardCharsets.UTF_8).strip();
		String summary = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
		String errors = Files.readString(output(label, "err"), StandardCharsets.UTF_8).strip();
		return new Run(label, kill, killed, process.exitValue(), summary, errors, seconds, execution);
	}

	/** Often while a kill waits for its moment, seldom when the process only runs to its end. */
	private static long pollMillis(KillPoint kill, boolean armed, long killAt) {
		if (armed) {
			return Math.max(1, Math.min(20, (killAt - System.nanoTime()) / 1_000_000));
		}
		return (kill == null) ? 100 : 20;
	}

	/**
	 * A connection to a server that accepts connections and is not the orphan a killed process left: that one is
	 * being stopped by the new process, and a connection held to it would keep its smart shutdown waiting.
	 */
	private Connection connectToNewServer(Connection connection) {
		if (connection != null) {
			return connection;
		}
		var postmaster = this.database.postmaster();
		if (postmaster.isEmpty() || postmaster.get().pid() == this.orphan || !this.database.ready()) {
			return null;
		}
		this.database.remember(postmaster.get());
		try {
			return this.database.connect();
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private static Execution execution(Connection connection, long after) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(EXECUTION)) {
			statement.setLong(1, after);
			try (ResultSet rows = statement.executeQuery()) {
				long id = -1;
				String status = null;
				Map<String, Step> steps = new LinkedHashMap<>();
				while (rows.next()) {
					id = rows.getLong(1);
					status = rows.getString(2);
					if (rows.getString(3) != null) {
						steps.put(rows.getString(3), new Step(rows.getString(4), rows.getLong(5), rows.getLong(6)));
					}
				}
				return (id < 0) ? null : new Execution(id, status, steps);
			}
		}
	}

	private static Connection close(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// it is going away anyway
			}
		}
		return null;
	}

	private Process launch(String label, List<String> args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(this.javaOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.roster.RosterApplication"));
		command.addAll(args);
		this.launches++;
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.work.toFile())
			.redirectOutput(output(label, "out").toFile())
			.redirectError(output(label, "err").toFile());
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		this.running.add(process);
		return process;
	}

	private Path output(String label, String stream) {
		return this.logs.resolve(label + "." + stream + ".txt");
	}

	int launches() {
		return this.launches;
	}

	/** Kills whatever still runs (after a failure), the embedded server included. */
	@Override
	public void close() throws InterruptedException {
		for (Process process : this.running) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		this.running.clear();
		this.database.postmaster().ifPresent((server) -> {
			server.destroy();
			server.onExit().orTimeout(60, TimeUnit.SECONDS).join();
		});
	}

}
