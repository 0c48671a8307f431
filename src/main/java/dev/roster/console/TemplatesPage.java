package dev.roster.console;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import dev.roster.account.Account;
import dev.roster.api.ApiProblem;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The templates of an account's bulk jobs: an empty CSV or XLSX for each job that reads a file, its headers in the
 * language picked ({@code ?headers=es}; the console's own by default). Its admins and support staff download them.
 */
@Controller
@RequestMapping("/accounts/{account}/templates")
class TemplatesPage {

	private static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final ConsoleAccess access;

	private final TemplatesFiles files;

	private final OperatorWords words;

	TemplatesPage(ConsoleAccess access, TemplatesFiles files, OperatorWords words) {
		this.access = access;
		this.files = files;
		this.words = words;
	}

	@GetMapping
	String list(@PathVariable String account, @RequestParam(required = false) String headers, Model model) {
		this.access.account(account);
		String language = language(headers);
		Locale locale = OperatorWords.locale(language);
		model.addAttribute("headers", language);
		model.addAttribute("templates", TemplatesFiles.jobs()
			.stream()
			.map((job) -> new Template(job, List.copyOf(this.files.headers(job, locale).values())))
			.toList());
		return "console/templates";
	}

	@GetMapping("/{job}.{format}")
	ResponseEntity<byte[]> download(@PathVariable String account, @PathVariable String job,
			@PathVariable String format, @RequestParam(required = false) String headers) {
		Account found = this.access.account(account);
		if (TemplatesFiles.fields(job).isEmpty() || !("csv".equals(format) || "xlsx".equals(format))) {
			throw ApiProblem.notFound(this.words.get("templates.none", job + "." + format));
		}
		String language = language(headers);
		Locale locale = OperatorWords.locale(language);
		boolean csv = "csv".equals(format);
		byte[] body = csv ? this.files.csv(job, locale) : this.files.xlsx(job, locale);
		String name = job + "-" + found.slug() + "-" + language + "." + format;
		return ResponseEntity.ok()
			.contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body);
	}

	/** The headers' language: the one asked for, else the console's. */
	private static String language(String headers) {
		if ("en".equals(headers) || "es".equals(headers)) {
			return headers;
		}
		return OperatorWords.language();
	}

	/** A job's template as the page lists it: its headers in the language picked. */
	record Template(String job, List<String> headers) {
	}

}
