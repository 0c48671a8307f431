package dev.roster.mail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import org.unbescape.html.HtmlEscape;

/**
 * The email templates: {@code <kind>/<language>.html} and {@code <kind>/<language>.txt}, Thymeleaf, built into the jar
 * under {@code templates/mail/}; a file of the same name in the operator's folder replaces the built-in one, without
 * a rebuild. The HTML template's {@code <title>} is the subject.
 * <p>
 * A delivery compiles each template once. When the template only prints the per-email values (names, codes, link),
 * the output is split around them once and each email is assembled by concatenation, escaped exactly as Thymeleaf
 * would; the split is checked against a real rendering with awkward values first, and a template that does more with
 * a value (conditions, formatting) is rendered by Thymeleaf for every email instead.
 */
final class MailTemplates {

	static final List<String> LANGUAGES = List.of("en", "es");

	/** The values that change from one email to the next; everything else is the same for a whole delivery. */
	static final List<String> PER_EMAIL = List.of("firstName", "lastName", "email", "accountName", "hostCode",
			"guestCode", "link");

	private static final String MARK = "Xq9";

	private static final Pattern SLOT = Pattern.compile(MARK + "(\\d+)(&amp;|&)9qX");

	private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private final SpringTemplateEngine engine;

	private final Path overrides;

	MailTemplates(Path overrides) {
		this.overrides = overrides.toAbsolutePath().normalize();
		FileTemplateResolver operator = new FileTemplateResolver();
		operator.setPrefix(this.overrides + File.separator);
		// an operator's edit shows within a minute in a long-running serve
		operator.setCacheTTLMs(60_000L);
		configure(operator, 1);
		ClassLoaderTemplateResolver builtIn = new ClassLoaderTemplateResolver();
		builtIn.setPrefix("templates/mail/");
		configure(builtIn, 2);
		this.engine = new SpringTemplateEngine();
		this.engine.setEnableSpringELCompiler(true);
		this.engine.setTemplateResolvers(Set.of(operator, builtIn));
	}

	private static void configure(AbstractConfigurableTemplateResolver resolver, int order) {
		resolver.setOrder(order);
		resolver.setCheckExistence(true);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setTextTemplateModePatterns(Set.of("*.txt"));
		resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
	}

	/**
	 * Prepares the templates of one kind and language for a delivery.
	 * @param constants the values that are the same for every email of the delivery
	 * @throws IllegalStateException when a template is missing, does not parse, or has no title
	 */
	EmailTemplate compile(EmailKind kind, String language, Map<String, Object> constants) {
		Part html = part(kind.value() + "/" + language + ".html", language, constants);
		Part text = part(kind.value() + "/" + language + ".txt", language, constants);
		EmailTemplate template = new EmailTemplate(html, text);
		Map<String, String> awkward = new HashMap<>();
		for (String name : PER_EMAIL) {
			awkward.put(name, "Ñ<" + name + ">&\"'é");
		}
		try {
			template.render(awkward); // a template without a title fails here, before any email is claimed
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(kind.value() + "/" + language + ".html: " + ex.getMessage(), ex);
		}
		return template;
	}

	private Part part(String name, String language, Map<String, Object> constants) {
		Locale locale = Locale.forLanguageTag(language);
		Map<String, Object> sentinels = new LinkedHashMap<>(constants);
		Map<String, String> samples = new HashMap<>();
		for (int i = 0; i < PER_EMAIL.size(); i++) {
			sentinels.put(PER_EMAIL.get(i), MARK + i + "&9qX");
			samples.put(PER_EMAIL.get(i), "Zoë <" + i + "> & \"O'Brien\"");
		}
		Part slow = new Rendered(this, name, locale, constants);
		Part fast = Fragments.split(render(name, locale, sentinels));
		// the split is used only if it gives exactly what Thymeleaf gives for values that need escaping
		return fast.render(samples).equals(slow.render(samples)) ? fast : slow;
	}

	String render(String name, Locale locale, Map<String, ?> variables) {
		try {
			return this.engine.process(name, new Context(locale, new HashMap<>(variables)));
		}
		catch (TemplateProcessingException ex) {
			String where = Files.isRegularFile(this.overrides.resolve(name))
					? "the operator's template " + this.overrides.resolve(name) : "the built-in template " + name;
			throw new IllegalStateException("Cannot render " + where + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Renders one email of a template that is not an outbox kind ({@code person-invite}), sent at once: Thymeleaf runs
	 * for it, there being no delivery to compile it for.
	 * @throws IllegalStateException when a template is missing, does not parse, or has no title
	 */
	EmailContent render(String template, String language, Map<String, ?> variables) {
		Locale locale = Locale.forLanguageTag(language);
		String html = render(template + "/" + language + ".html", locale, variables);
		return new EmailContent(EmailTemplate.subject(html), render(template + "/" + language + ".txt", locale, variables),
				html);
	}

	/** "14 days", "24 hours", "30 minutos": how long a link works, in the email's language. */
	static String validity(Duration duration, String language) {
		boolean es = "es".equals(language);
		if (duration.toDays() >= 2 && duration.equals(Duration.ofDays(duration.toDays()))) {
			return duration.toDays() + (es ? " días" : " days");
		}
		if (duration.toHours() >= 1 && duration.equals(Duration.ofHours(duration.toHours()))) {
			long hours = duration.toHours();
			return hours + (es ? ((hours == 1) ? " hora" : " horas") : ((hours == 1) ? " hour" : " hours"));
		}
		long minutes = Math.max(1, duration.toMinutes());
		return minutes + (es ? " minutos" : " minutes");
	}

	/** One body of an email (HTML or text) ready to render with the per-email values. */
	interface Part {

		String render(Map<String, String> values);

	}

	/** A template rendered by Thymeleaf for every email. */
	private record Rendered(MailTemplates templates, String name, Locale locale, Map<String, Object> constants)
			implements Part {

		@Override
		public String render(Map<String, String> values) {
			Map<String, Object> variables = new HashMap<>(this.constants);
			variables.putAll(values);
			return this.templates.render(this.name, this.locale, variables);
		}

	}

	/** A template's output split around the per-email values. */
	private record Fragments(List<String> literals, int[] slots, boolean[] escaped) implements Part {

		static Fragments split(String output) {
			List<String> literals = new ArrayList<>();
			List<Integer> slots = new ArrayList<>();
			List<Boolean> escaped = new ArrayList<>();
			Matcher matcher = SLOT.matcher(output);
			int start = 0;
			while (matcher.find()) {
				literals.add(output.substring(start, matcher.start()));
				slots.add(Integer.parseInt(matcher.group(1)));
				escaped.add(matcher.group(2).length() > 1);
				start = matcher.end();
			}
			literals.add(output.substring(start));
			boolean[] escapedArray = new boolean[escaped.size()];
			for (int i = 0; i < escapedArray.length; i++) {
				escapedArray[i] = escaped.get(i);
			}
			return new Fragments(List.copyOf(literals), slots.stream().mapToInt(Integer::intValue).toArray(),
					escapedArray);
		}

		@Override
		public String render(Map<String, String> values) {
			StringBuilder out = new StringBuilder(this.literals.get(0).length() * 2);
			for (int i = 0; i < this.slots.length; i++) {
				out.append(this.literals.get(i));
				String value = values.getOrDefault(PER_EMAIL.get(this.slots[i]), "");
				out.append(this.escaped[i] ? HtmlEscape.escapeHtml4Xml(value) : value);
			}
			return out.append(this.literals.get(this.slots.length)).toString();
		}

	}

	/** The HTML and text templates of one kind in one language. */
	static final class EmailTemplate {

		private final Part html;

		private final Part text;

		EmailTemplate(Part html, Part text) {
			this.html = html;
			this.text = text;
		}

		/** Whether both bodies are assembled without running Thymeleaf per email. */
		boolean precompiled() {
			return this.html instanceof Fragments && this.text instanceof Fragments;
		}

		EmailContent render(Map<String, String> values) {
			String html = this.html.render(values);
			return new EmailContent(subject(html), this.text.render(values), html);
		}

		/** The text of the HTML's {@code <title>}, as a mail program shows a subject: unescaped, on one line. */
		static String subject(String html) {
			int open = html.indexOf("<title");
			int start = (open >= 0) ? html.indexOf('>', open) + 1 : -1;
			int end = (start > 0) ? html.indexOf("</title>", start) : -1;
			if (end < 0) {
				Matcher title = TITLE.matcher(html);
				if (!title.find()) {
					throw new IllegalStateException("The HTML email template has no <title>: its title is the subject");
				}
				return SPACES.matcher(HtmlEscape.unescapeHtml(title.group(1))).replaceAll(" ").strip();
			}
			String subject = html.substring(start, end);
			if (subject.indexOf('&') >= 0) {
				subject = HtmlEscape.unescapeHtml(subject);
			}
			return SPACES.matcher(subject).replaceAll(" ").strip();
		}

	}

}
