package dev.roster.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.roster.RosterHome;

import org.springframework.context.ApplicationContext;

/**
 * What commands run with: the output streams and the application context, started on first use so that
 * {@code --help} and usage errors answer at once, without starting the database.
 */
final class CliRuntime {

	private final Function<Boolean, ApplicationContext> contextSupplier;

	private final Supplier<RosterHome> homeSupplier;

	private final PrintWriter out;

	private final PrintWriter err;

	private ApplicationContext context;

	private boolean serving;

	/**
	 * @param contextSupplier starts the context, for {@code roster serve} when given {@code true}
	 * @param homeSupplier the home, without starting the database
	 */
	CliRuntime(Function<Boolean, ApplicationContext> contextSupplier, Supplier<RosterHome> homeSupplier,
			PrintWriter out, PrintWriter err) {
		this.contextSupplier = contextSupplier;
		this.homeSupplier = homeSupplier;
		this.out = out;
		this.err = err;
	}

	<T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	<T> T bean(String name, Class<T> type) {
		return context().getBean(name, type);
	}

	/** {@code $ROSTER_HOME}, as the application context would bind it, yet without starting it. */
	RosterHome home() {
		return (this.context != null) ? this.context.getBean(RosterHome.class) : this.homeSupplier.get();
	}

	/** The context will run {@code roster serve}: its profile, and a management server when one is configured. */
	void serving() {
		this.serving = true;
	}

	PrintWriter out() {
		return this.out;
	}

	PrintWriter err() {
		return this.err;
	}

	private ApplicationContext context() {
		if (this.context == null) {
			this.context = this.contextSupplier.apply(this.serving);
		}
		return this.context;
	}

}
