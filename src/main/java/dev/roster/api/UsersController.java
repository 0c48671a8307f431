package dev.roster.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.roster.access.AuditLog;
import dev.roster.account.Account;
import dev.roster.export.ExportUsersJob;
import dev.roster.export.UserDownloads;
import dev.roster.user.UserPages;
import dev.roster.user.UserStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An account's users: pages with a status filter and a search, one user, and the export as a download. */
@RestController
@RequestMapping("/api/v1/accounts/{account}/users")
class UsersController {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 500;

	private static final List<String> STATUSES = List.of("active", "terminated", "invited", "all");

	private final AccountAccess access;

	private final UserPages pages;

	private final UserDownloads downloads;

	private final AuditLog audit;

	UsersController(AccountAccess access, UserPages pages, UserDownloads downloads, AuditLog audit) {
		this.access = access;
		this.pages = pages;
		this.downloads = downloads;
		this.audit = audit;
	}

	@GetMapping
	UserList list(@PathVariable String account, @RequestParam(defaultValue = "all") String status,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "" + DEFAULT_LIMIT) String limit,
			@RequestParam(required = false) String cursor) {
		Account found = this.access.account(account);
		UserPages.Page page = this.pages.page(found.id(), status(status), q, after(cursor), limit(limit));
		return new UserList(page.users().stream().map(UserBody::of).toList(),
				(page.nextAfter() != null) ? Base64.getUrlEncoder().withoutPadding()
					.encodeToString(page.nextAfter().getBytes(StandardCharsets.UTF_8)) : null);
	}

	@GetMapping("/{email}")
	UserBody user(@PathVariable String account, @PathVariable String email) {
		Account found = this.access.account(account);
		return this.pages.find(found.id(), email)
			.map(UserBody::of)
			.orElseThrow(() -> ApiProblem.notFound("no user '" + email + "' in account " + account));
	}

	/** The export, streamed as it is read: a token needs export-users among its jobs, as to run the job. */
	@GetMapping("/export")
	void export(@PathVariable String account, @RequestParam(defaultValue = "csv") String format,
			@RequestParam(defaultValue = "all") String status, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Account found = this.access.account(account);
		this.access.mayLaunch(ExportUsersJob.DEFINITION.command());
		status(status);
		UserDownloads.Format chosen = switch (format.toLowerCase(Locale.ROOT)) {
			case "csv" -> UserDownloads.Format.CSV;
			case "xlsx" -> UserDownloads.Format.XLSX;
			default -> throw ApiProblem.badRequest("unknown format '" + format + "'; use csv or xlsx");
		};
		String wanted = status.toLowerCase(Locale.ROOT);
		// recorded before the first byte: a download cut short was still a download
		this.audit.record(account, Callers.current().who(), "users.export", null,
				ApiSecurityConfiguration.source(request), Map.of("format", chosen.extension(), "status", wanted));
		response.setContentType(chosen.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename(account + "-users-" + wanted + "." + chosen.extension())
			.build()
			.toString());
		this.downloads.write(found.id(), wanted, chosen, response.getOutputStream());
	}

	/** The status asked for, {@code null} for all. */
	private static UserStatus status(String status) {
		String wanted = status.toLowerCase(Locale.ROOT);
		if (!STATUSES.contains(wanted)) {
			throw ApiProblem.badRequest("unknown status '" + status + "'; use " + String.join(", ", STATUSES));
		}
		return wanted.equals("all") ? null : UserStatus.valueOf(wanted.toUpperCase(Locale.ROOT));
	}

	private static int limit(String limit) {
		try {
			int value = Integer.parseInt(limit.strip());
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ApiProblem.badRequest("limit must be a number from 1 to " + MAX_LIMIT + ", not '" + limit + "'");
	}

	private static String after(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badRequest("invalid cursor; pass the 'next' of the page before as it was given");
		}
	}

	record UserList(List<UserBody> users, String next) {
	}

}
