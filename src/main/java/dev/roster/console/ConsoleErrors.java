package dev.roster.console;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refusal on a console page is a page, not a problem document: its status, a title in the person's language and
 * the sentence that says why (another account's page is "not found", like one that does not exist).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

	@ExceptionHandler(ErrorResponseException.class)
	ModelAndView refused(ErrorResponseException ex) {
		return page(ex.getStatusCode(), ex.getBody().getDetail());
	}

	static ModelAndView page(HttpStatusCode status, String detail) {
		ModelAndView page = new ModelAndView("console/error");
		page.setStatus(HttpStatus.valueOf(status.value()));
		page.addObject("status", status.value());
		page.addObject("detail", detail);
		return page;
	}

}
