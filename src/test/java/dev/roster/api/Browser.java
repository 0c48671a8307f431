package dev.roster.api;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser over real HTTP: it keeps cookies (the session), follows no redirect, and posts forms with the
 * CSRF token of the page they came from, as a browser posting the page's form does.
 */
final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final Function<String, URI> uri;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	Browser(Function<String, URI> uri) {
		this.uri = uri;
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(this.uri.apply(path)).GET());
	}

	/** Opens the page of {@code page} and posts its form to {@code action} with the fields and its CSRF token. */
	HttpResponse<String> submit(String page, String action, Map<String, String> fields)
			throws IOException, InterruptedException {
		Map<String, String> form = new LinkedHashMap<>(fields);
		form.put("_csrf", csrf(get(page).body()));
		return post(action, form);
	}

	/** Posts a form as it is: no CSRF token unless {@code fields} has one. */
	HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(this.uri.apply(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Signs in through the form: the answer is a redirect, to {@code /} or to {@code /login?error}. */
	HttpResponse<String> signIn(String email, String password) throws IOException, InterruptedException {
		return submit("/login", "/login", Map.of("username", email, "password", password));
	}

	/** A CSRF token of the session as it now is, read from a page's form. */
	String csrf() throws IOException, InterruptedException {
		return csrf(get("/forgot-password").body());
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		if (!matcher.find()) {
			throw new AssertionError("no CSRF token in the page: " + page);
		}
		return matcher.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
