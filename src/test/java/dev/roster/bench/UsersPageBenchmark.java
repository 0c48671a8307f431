package dev.roster.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code users-page}: one account of {@code rows} users (1,000,000 by default), paged over real HTTP on loopback:
 * the first page, a page in the middle and the last page (keyset cursors), a search by email prefix and one by name
 * prefix, each many times. The time of a request is its round trip on loopback with a kept-alive connection: the
 * server's time and a fraction of a millisecond.
 */
final class UsersPageBenchmark {

	static final String NAME = "users-page";

	private static final int WARM_UP = 100;

	private static final int TIMES = 200;

	private UsersPageBenchmark() {
	}

	static String run(long rows) throws Exception {
		try (ServingRoster roster = ServingRoster.start(NAME)) {
			JdbcTemplate jdbc = roster.application().getBean(JdbcTemplate.class);
			fill(jdbc, rows);
			String users = "/api/v1/accounts/" + ServingRoster.ACCOUNT + "/users?limit=50";
			Map<String, String> requests = new LinkedHashMap<>();
			requests.put("first", users);
			requests.put("middle", users + "&cursor=" + cursor(email(rows / 2)));
			requests.put("last", users + "&cursor=" + cursor(email(rows - 25)));
			requests.put("email_search", users + "&q=user" + String.format(Locale.ROOT, "%07d", rows / 3).substring(0, 5));
			requests.put("name_search", users + "&q=garc");
			HttpClient http = HttpClient.newHttpClient();
			List<Double> all = new ArrayList<>();
			StringBuilder each = new StringBuilder();
			try (HeapPeak heap = new HeapPeak()) {
				for (Map.Entry<String, String> request : requests.entrySet()) {
					List<Double> times = new ArrayList<>();
					for (int i = 0; i < WARM_UP + TIMES; i++) {
						long started = System.nanoTime();
						HttpResponse<String> response = http.send(HttpRequest
							.newBuilder(URI.create(roster.url(request.getValue())))
							.header("Authorization", "Bearer " + roster.token())
							.build(), HttpResponse.BodyHandlers.ofString());
						double ms = (System.nanoTime() - started) / 1e6;
						if (response.statusCode() != 200 || !response.body().contains("\"email\"")) {
							throw new IllegalStateException(request.getKey() + " answered " + response.statusCode()
									+ ": " + response.body());
						}
						if (i >= WARM_UP) {
							times.add(ms);
						}
					}
					all.addAll(times);
					each.append(String.format(Locale.ROOT, " %s_p95_ms=%.1f", request.getKey(), p95(times)));
				}
				return String.format(Locale.ROOT, "bench users-page rows=%d p95_ms=%.1f peak_heap_mb=%.0f%s", rows,
						p95(all), heap.stopMb(), each);
			}
		}
	}

	/**
	 * The users, in one set-based statement each: nine in ten active (with their two codes), one in twenty invited,
	 * one in twenty terminated; first names from a short list, so a name prefix matches thousands.
	 */
	static void fill(JdbcTemplate jdbc, long rows) {
		jdbc.update("""
				insert into access_code (code, kind, user_id)
				select k.prefix || lpad(i::text, 9, '0'), k.kind, i
				from generate_series(1, ?) i, (values ('1', 'HOST'), ('2', 'GUEST')) k (prefix, kind)
				where i % 20 > 1""", rows);
		jdbc.update("""
				insert into app_user (id, account_id, email, first_name, last_name, profile_type_id, group_id, office_id,
				                      status, host_code, guest_code, terminated_at)
				select i, a.id, 'user' || lpad(i::text, 7, '0') || '@bench.example',
				       (array['Ana', 'José', 'María', 'Luis', 'Carmen', 'John', 'Mary', 'Peter', 'Linda', 'Pablo'])[1 + i % 10],
				       (array['García', 'Smith', 'López', 'Brown', 'Martín', 'Jones', 'Sánchez', 'Taylor', 'Pérez',
				              'Wilson', 'Gómez', 'Clark'])[1 + (i / 10) % 12] || ' ' || i,
				       p.id, g.id, o.id,
				       case i % 20 when 0 then 'TERMINATED' when 1 then 'INVITED' else 'ACTIVE' end,
				       case when i % 20 > 1 then '1' || lpad(i::text, 9, '0') end,
				       case when i % 20 > 1 then '2' || lpad(i::text, 9, '0') end,
				       case when i % 20 = 0 then now() end
				from generate_series(1, ?) i
				join account a on a.slug = ?
				join account_profile_type p on p.account_id = a.id and p.is_default
				join account_group g on g.account_id = a.id
				join account_office o on o.account_id = a.id""", rows, ServingRoster.ACCOUNT);
		jdbc.execute("select setval(pg_get_serial_sequence('app_user', 'id'), (select max(id) from app_user))");
		jdbc.execute("analyze app_user");
		jdbc.execute("analyze access_code");
	}

	static String email(long i) {
		return "user" + String.format(Locale.ROOT, "%07d", i) + "@bench.example";
	}

	private static String cursor(String email) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8));
	}

	static double p95(List<Double> times) {
		List<Double> sorted = times.stream().sorted().toList();
		return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
	}

}
