package dev.roster.console;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's language: the portal's two, English and Spanish. The browser's language decides until a person
 * picks one ({@code ?lang=es}), which a cookie then keeps; any other language is English.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
class ConsoleConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

	static final String LANGUAGE_COOKIE = "roster-lang";

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE) {

			@Override
			public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
				// a language the console does not speak is never kept: ?lang=fr is English
				super.setLocale(request, response,
						(locale != null) ? supported(Collections.enumeration(List.of(locale))) : null);
			}

		};
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSameSite("Lax");
		resolver.setDefaultLocaleFunction((request) -> supported(request.getLocales()));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}

	/** The first of the browser's languages the console speaks; English when it speaks none of them. */
	static Locale supported(Enumeration<Locale> browser) {
		while (browser != null && browser.hasMoreElements()) {
			Locale locale = browser.nextElement();
			for (Locale language : LANGUAGES) {
				if (language.getLanguage().equals(locale.getLanguage())) {
					return language;
				}
			}
		}
		return Locale.ENGLISH;
	}

}
