package dev.roster.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.roster.account.AccountDefinitionException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the operators' pages say from their controllers (notices, refusals), in the person's language: the stores
 * refuse in the command line's English, these pages in the words of {@code i18n/operators}.
 */
@Component
class OperatorWords {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final MessageSource messages;

	OperatorWords(MessageSource messages) {
		this.messages = messages;
	}

	String get(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

	/** The person's language as emails know it: {@code es} or {@code en}. */
	static String language() {
		return "es".equals(LocaleContextHolder.getLocale().getLanguage()) ? "es" : "en";
	}

	/** A refused account definition, said in the person's language. */
	String refusal(AccountDefinitionException ex) {
		Object[] arguments = ex.arguments().toArray();
		if ("too-long".equals(ex.reason())) {
			// the store names the kind in English (group, office, profile type)
			arguments[0] = get("operators.kind." + ((String) arguments[0]).replace(' ', '-'));
		}
		return this.messages.getMessage("operators.refused." + ex.reason(), arguments,
				get("operators.refused.refused", ex.getMessage()), LocaleContextHolder.getLocale());
	}

	/** An instant as the pages show it, to the minute in UTC (as the command line's lists); {@code null} stays null. */
	static String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : null;
	}

	/** Whether a language is one emails are written in. */
	static boolean emailLanguage(String language) {
		return "en".equals(language) || "es".equals(language);
	}

	static Locale locale(String language) {
		return "es".equals(language) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
	}

}
