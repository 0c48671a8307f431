package dev.roster.bench;

import java.nio.file.Path;
import java.util.List;

import dev.roster.RosterApplication;
import dev.roster.access.ApiTokens;
import dev.roster.account.AccountDefinition;
import dev.roster.account.AccountStore;
import dev.roster.inbox.Serve;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A Roster serving HTTP on a free loopback port, with its own home, an account {@code bench} and a token of it: what
 * the benchmarks of the HTTP door measure against.
 */
record ServingRoster(ConfigurableApplicationContext application, Serve serve, String token, int port)
		implements AutoCloseable {

	static final String ACCOUNT = "bench";

	static ServingRoster start(String name, String... jobs) throws java.io.IOException {
		Path home = Path.of("target/bench/" + name + "-home");
		FileSystemUtils.deleteRecursively(home);
		ConfigurableApplicationContext application = new SpringApplicationBuilder(RosterApplication.class)
			.profiles("serve")
			.run("--roster.home=" + home.toAbsolutePath(), "--spring.main.banner-mode=off",
					"--spring.main.web-application-type=servlet", "--server.port=0", "--server.address=127.0.0.1",
					"--roster.inbox.stop-timeout=1s", "--roster.http.rate-limit.requests-per-minute=1000000",
					"--roster.http.rate-limit.burst=100000");
		application.getBean(AccountStore.class)
			.define(new AccountDefinition(ACCOUNT, "Bench", List.of("Sales"), List.of("Madrid"), List.of("Standard"),
					"Standard", null));
		String token = application.getBean(ApiTokens.class).create(ACCOUNT, "bench", List.of(jobs), "bench");
		Serve serve = application.getBean(Serve.class);
		serve.start();
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		return new ServingRoster(application, serve, token, port);
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	@Override
	public void close() {
		this.serve.stop();
		this.application.close();
	}

}
