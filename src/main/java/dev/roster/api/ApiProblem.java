package dev.roster.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An answer of the API that is an error, as RFC 9457 problem details with a sentence a person can act on. */
public final class ApiProblem extends ErrorResponseException {

	private ApiProblem(HttpStatus status, String detail) {
		super(status, problem(status, detail), null);
	}

	/** What does not exist, or exists in an account the caller may not see: the two answer alike. */
	public static ApiProblem notFound(String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, detail);
	}

	/** Seen, but not the caller's to do. */
	public static ApiProblem forbidden(String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, detail);
	}

	public static ApiProblem badRequest(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
	}

	public static ApiProblem conflict(String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, detail);
	}

	public static ApiProblem of(HttpStatus status, String detail) {
		return new ApiProblem(status, detail);
	}

	static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		return problem;
	}

}
