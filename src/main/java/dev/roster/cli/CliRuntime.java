package dev.roster.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContext;

/**
 * What commands run with: the output streams and the application context, started on first use so that
 * {@code --help} and usage errors answer at once, without starting the database.
 */
final class CliRuntime {

	private final Supplier<ApplicationContext> contextSupplier;

	private final PrintWriter out;

	private final PrintWriter err;

	private ApplicationContext context;

	CliRuntime(Supplier<ApplicationContext> contextSupplier, PrintWriter out, PrintWriter err) {
		this.contextSupplier = contextSupplier;
		this.out = out;
		this.err = err;
	}

	<T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	<T> T bean(String name, Class<T> type) {
		return context().getBean(name, type);
	}

	PrintWriter out() {
		return this.out;
	}

	PrintWriter err() {
		return this.err;
	}

	private ApplicationContext context() {
		if (this.context == null) {
			this.context = this.contextSupplier.get();
		}
		return this.context;
	}

}
