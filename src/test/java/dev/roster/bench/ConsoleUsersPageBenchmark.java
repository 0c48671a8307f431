package dev.roster.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roster.access.People;
import dev.roster.user.UserPages;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code console-users-page}: the console's users page of an account of {@code rows} users (1,000,000 by default),
 * fetched over real HTTP on loopback by a person signed in through the sign-in form (a session cookie), with the counts
 * of its three tabs on every page: the first page, a page in the middle, the last page, the page before the middle
 * one, a name search, and the same search as the search box asks for it while the person types (the table alone);
 * then the tabs' counts alone, in the server, as the page counts them (each up to 10,001) and as a plain
 * {@code count(*)} would.
 * Users are filled as {@code users-page} fills them, then vacuumed, as autovacuum leaves a table after a bulk load.
 */
final class ConsoleUsersPageBenchmark {

	static final String NAME = "console-users-page";

	private static final int WARM_UP = 50;

	private static final int TIMES = 200;

	/** The console's cap of a tab's count (UsersPages.COUNTED). */
	private static final int COUNTED = 10_000;

	private static final String PASSWORD = "correct horse battery staple";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private ConsoleUsersPageBenchmark() {
	}

	static String run(long rows) throws Exception {
		try (ServingRoster roster = ServingRoster.start(NAME)) {
			JdbcTemplate jdbc = roster.application().getBean(JdbcTemplate.class);
			UsersPageBenchmark.fill(jdbc, rows);
			jdbc.execute("vacuum (analyze) app_user");
			People people = roster.application().getBean(People.class);
			people.setPassword(people.invite("ana@bench.example", "Ana", false, List.of(ServingRoster.ACCOUNT)).token(),
					PASSWORD)
				.orElseThrow();
			HttpClient http = HttpClient.newBuilder()
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.build();
			signIn(http, roster);
			String users = "/accounts/" + ServingRoster.ACCOUNT + "/users?tab=active";
			Map<String, String> pages = new LinkedHashMap<>();
			pages.put("first", users);
			pages.put("middle", users + "&after=" + UsersPageBenchmark.email(rows / 2));
			pages.put("last", users + "&after=" + UsersPageBenchmark.email(rows - 25));
			pages.put("previous", users + "&before=" + UsersPageBenchmark.email(rows / 2));
			pages.put("search", users + "&q=garc");
			pages.put("typing", users + "&q=garc");
			List<Double> all = new ArrayList<>();
			StringBuilder each = new StringBuilder();
			try (HeapPeak heap = new HeapPeak()) {
				for (Map.Entry<String, String> page : pages.entrySet()) {
					HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(roster.url(page.getValue())));
					if (page.getKey().equals("typing")) {
						request.header("HX-Request", "true").header("HX-Target", "users");
					}
					List<Double> times = new ArrayList<>();
					for (int i = 0; i < WARM_UP + TIMES; i++) {
						long started = System.nanoTime();
						HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
						double ms = (System.nanoTime() - started) / 1e6;
						if (response.statusCode() != 200 || !response.body().contains("class=\"email\"")) {
							throw new IllegalStateException(page.getKey() + " answered " + response.statusCode()
									+ ": " + response.body());
						}
						if (i >= WARM_UP) {
							times.add(ms);
						}
					}
					all.addAll(times);
					each.append(String.format(Locale.ROOT, " %s_p95_ms=%.1f", page.getKey(),
							UsersPageBenchmark.p95(times)));
				}
				// what the tabs' counts cost in the server, as the page counts them and as an exact count(*) would
				long account = jdbc.queryForObject("select id from account where slug = ?", Long.class,
						ServingRoster.ACCOUNT);
				UserPages store = roster.application().getBean(UserPages.class);
				each.append(String.format(Locale.ROOT, " counts_p95_ms=%.1f exact_counts_p95_ms=%.1f",
						timed(() -> store.counts(account, COUNTED)), timed(() -> jdbc.queryForList(
								"select status, count(*) from app_user where account_id = ? group by status", account))));
				return String.format(Locale.ROOT, "bench %s rows=%d p95_ms=%.1f peak_heap_mb=%.0f%s", NAME, rows,
						UsersPageBenchmark.p95(all), heap.stopMb(), each);
			}
		}
	}

	/** The 95th percentile of {@code work}'s time, in milliseconds, after a warm-up. */
	private static double timed(Runnable work) {
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < WARM_UP + TIMES; i++) {
			long started = System.nanoTime();
			work.run();
			if (i >= WARM_UP) {
				times.add((System.nanoTime() - started) / 1e6);
			}
		}
		return UsersPageBenchmark.p95(times);
	}

	/** Signs in through the sign-in form, as a browser does: the client keeps the session's cookie. */
	private static void signIn(HttpClient http, ServingRoster roster) throws Exception {
		String page = http.send(HttpRequest.newBuilder(URI.create(roster.url("/login"))).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(page);
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the sign-in page");
		}
		String form = "username=ana%40bench.example&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(roster.url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (signedIn.headers().firstValue("Location").orElse("error").contains("error")) {
			throw new IllegalStateException("signing in failed: " + signedIn.statusCode());
		}
	}

}
