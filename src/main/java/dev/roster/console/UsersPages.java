package dev.roster.console;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.api.ApiProblem;
import dev.roster.export.UserDownloads;
import dev.roster.mail.EmailKind;
import dev.roster.user.CalendarProperties;
import dev.roster.user.UserPages;
import dev.roster.user.UserPages.UserView;
import dev.roster.user.UserStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An account's users, as the portal's Manage Users lists them: a tab per status with its count, a search by the
 * start of an email or a name, keyset pages of {@value #PAGE_SIZE}, the activation or welcome email sent to the users
 * picked, and the tab's users as a CSV or XLSX download.
 */
@Controller
@RequestMapping("/accounts/{account}/users")
class UsersPages {

	static final int PAGE_SIZE = 50;

	/** More than a page holds, fewer than a statement's parameters may be. */
	static final int MAX_SELECTED = 500;

	/**
	 * Above this many users a tab says "10,000+": counting exactly past it would read every index entry of the
	 * account's users on every page view, a million for a large account.
	 */
	static final int COUNTED = 10_000;

	/** The portal's order of the tabs. */
	static final List<UserStatus> TABS = List.of(UserStatus.ACTIVE, UserStatus.TERMINATED, UserStatus.INVITED);

	private final ConsoleAccess access;

	private final UserPages pages;

	private final UsersEmails emails;

	private final UserDownloads downloads;

	private final AuditLog audit;

	private final MessageSource messages;

	private final ZoneId zone;

	UsersPages(ConsoleAccess access, UserPages pages, UsersEmails emails, UserDownloads downloads, AuditLog audit,
			MessageSource messages, CalendarProperties calendar) {
		this.access = access;
		this.pages = pages;
		this.emails = emails;
		this.downloads = downloads;
		this.audit = audit;
		this.messages = messages;
		// the service's calendar: the zone whose "today" terminations are dated by
		this.zone = (calendar.timeZone() != null) ? calendar.timeZone() : ZoneId.systemDefault();
	}

	/**
	 * The page, or only its table when the search box asks for it as the person types (htmx, targeting the table):
	 * the counts of the tabs do not change with a search, so they are not counted again.
	 */
	@GetMapping
	String list(@ModelAttribute("currentAccount") Account account, @RequestParam(defaultValue = "active") String tab,
			@RequestParam(required = false) String q, @RequestParam(required = false) String after,
			@RequestParam(required = false) String before,
			@RequestHeader(name = "HX-Target", required = false) String target, Model model) {
		UserStatus status = status(tab);
		String search = (q != null) ? q.strip() : "";
		UserPages.Window window = this.pages.window(account.id(), status, search, given(after), given(before),
				PAGE_SIZE);
		Locale locale = LocaleContextHolder.getLocale();
		DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.withZone(this.zone);
		model.addAttribute("tab", name(status));
		model.addAttribute("q", search);
		model.addAttribute("rows", window.users().stream().map((user) -> Row.of(user, dates)).toList());
		// where this page is, for the send form to come back to, and where the pages around it are
		model.addAttribute("at", new Position(given(after), given(before)));
		model.addAttribute("pager", Pager.of(account.slug(), name(status), search, given(after) != null
				|| given(before) != null, window));
		model.addAttribute("kind", EmailKind.firstFor(status));
		model.addAttribute("zone", this.zone.getId());
		if ("users".equals(target)) {
			return "console/users :: results";
		}
		Map<UserStatus, Long> counts = this.pages.counts(account.id(), COUNTED);
		model.addAttribute("tabs", TABS.stream()
			.map((each) -> new Tab(name(each), Math.min(counts.get(each), COUNTED), counts.get(each) > COUNTED))
			.toList());
		return "console/users";
	}

	/** Sends the tab's email to the users picked, then shows the same page again with what was done. */
	@PostMapping("/emails")
	String send(@ModelAttribute("currentAccount") Account account, @RequestParam String kind,
			@RequestParam(name = "id", required = false) List<String> picked,
			@RequestParam(defaultValue = "false") boolean all,
			@RequestParam(name = "shown", required = false) List<String> shown,
			@RequestParam(defaultValue = "active") String tab, @RequestParam(required = false) String q,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before,
			HttpServletRequest request, RedirectAttributes redirect) {
		Caller caller = this.access.person();
		EmailKind email = switch (kind) {
			case "activation" -> EmailKind.ACTIVATION;
			case "welcome" -> EmailKind.WELCOME;
			default -> throw ApiProblem.badRequest(message("users.send.unknown", kind));
		};
		List<String> chosen = all ? shown : picked;
		Set<String> distinct = new LinkedHashSet<>((chosen != null) ? chosen : List.of());
		redirect.addAttribute("tab", name(status(tab)));
		for (String[] kept : new String[][] { { "q", q }, { "after", after }, { "before", before } }) {
			if (given(kept[1]) != null) {
				redirect.addAttribute(kept[0], kept[1]);
			}
		}
		if (distinct.isEmpty()) {
			redirect.addFlashAttribute("problem", message("users.send.none"));
			return "redirect:/accounts/{account}/users";
		}
		if (distinct.size() > MAX_SELECTED) {
			redirect.addFlashAttribute("problem", message("users.send.tooMany", MAX_SELECTED));
			return "redirect:/accounts/{account}/users";
		}
		List<Long> ids = new ArrayList<>();
		for (String id : distinct) {
			try {
				ids.add(Long.valueOf(id.strip()));
			}
			catch (NumberFormatException ex) {
				// not an id of anyone: skipped as an unknown user, below
			}
		}
		UsersEmails.Sent sent = this.emails.send(account, caller, email, ids, request.getRemoteAddr());
		String said = said(email, sent, distinct.size() - ids.size());
		redirect.addFlashAttribute((sent.queued() > 0) ? "notice" : "problem", said);
		return "redirect:/accounts/{account}/users";
	}

	/** The tab's users as a file, streamed as it is read; the download is audited as the API's is. */
	@GetMapping("/export")
	void export(@ModelAttribute("currentAccount") Account account, @RequestParam(defaultValue = "active") String tab,
			@RequestParam(defaultValue = "csv") String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Caller caller = this.access.person();
		String status = name(status(tab));
		UserDownloads.Format chosen = switch (format) {
			case "csv" -> UserDownloads.Format.CSV;
			case "xlsx" -> UserDownloads.Format.XLSX;
			default -> throw ApiProblem.badRequest(message("users.export.unknown", format));
		};
		// recorded before the first byte: a download cut short was still a download
		this.audit.record(account.slug(), caller.who(), "users.export", null, request.getRemoteAddr(),
				Map.of("format", chosen.extension(), "status", status));
		response.setContentType(chosen.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename(account.slug() + "-users-" + status + "." + chosen.extension())
			.build()
			.toString());
		this.downloads.write(account.id(), status, chosen, response.getOutputStream());
	}

	/** The notice of a send: how many were queued, how many skipped and why. */
	private String said(EmailKind email, UsersEmails.Sent sent, int unreadable) {
		StringBuilder said = new StringBuilder(message("users.sent." + email.value(), sent.queued()));
		if (!sent.deliveringSoon() && sent.queued() > 0) {
			said.append(' ').append(message("users.sent.later"));
		}
		int unknown = sent.unknown() + unreadable;
		int skipped = sent.skipped() + unreadable;
		if (skipped > 0) {
			List<String> why = new ArrayList<>();
			if (sent.unfit() > 0) {
				why.add(message("users.skipped.unfit." + email.value(), sent.unfit()));
			}
			if (sent.waiting() > 0) {
				why.add(message("users.skipped.waiting", sent.waiting()));
			}
			if (unknown > 0) {
				why.add(message("users.skipped.unknown", unknown));
			}
			said.append(' ').append(message("users.skipped", skipped, String.join(", ", why)));
		}
		return said.toString();
	}

	private String message(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	private UserStatus status(String tab) {
		for (UserStatus status : TABS) {
			if (name(status).equals(tab)) {
				return status;
			}
		}
		throw ApiProblem.badRequest(message("users.tab.unknown", tab));
	}

	private static String name(UserStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	private static String given(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	/** Where a page starts: after a key, or before one; the first page has neither. */
	record Position(String after, String before) {
	}

	/** The links to the first page, the one before and the one after, each {@code null} when there is none. */
	record Pager(String first, String previous, String next) {

		static Pager of(String account, String tab, String search, boolean paged, UserPages.Window window) {
			return new Pager(paged ? link(account, tab, search, null, null) : null,
					(window.before() != null) ? link(account, tab, search, "before", window.before()) : null,
					(window.after() != null) ? link(account, tab, search, "after", window.after()) : null);
		}

		private static String link(String account, String tab, String search, String side, String key) {
			// values as variables, which encode() escapes strictly: a '+' of an email is not a space
			Map<String, String> values = new HashMap<>(Map.of("account", account, "tab", tab));
			UriComponentsBuilder link = UriComponentsBuilder.fromPath("/accounts/{account}/users")
				.queryParam("tab", "{tab}");
			if (!search.isEmpty()) {
				link.queryParam("q", "{q}");
				values.put("q", search);
			}
			if (side != null) {
				link.queryParam(side, "{key}");
				values.put("key", key);
			}
			return link.encode().buildAndExpand(values).toUriString();
		}

		public boolean any() {
			return this.first != null || this.previous != null || this.next != null;
		}

	}

	/** A tab: its status, as the query names it, and how many users it holds, or that it holds more than that. */
	record Tab(String name, long count, boolean more) {
	}

	/** A user as the table shows it: dates in the person's language, in the service's zone. */
	record Row(UserView user, String activationEmailSent, String welcomeEmailSent, String terminated) {

		static Row of(UserView user, DateTimeFormatter dates) {
			return new Row(user, date(user.activationEmailSent(), dates), date(user.welcomeEmailSent(), dates),
					date(user.terminated(), dates));
		}

		private static String date(String iso, DateTimeFormatter dates) {
			return (iso != null) ? dates.format(Instant.parse(iso)) : null;
		}

	}

}
