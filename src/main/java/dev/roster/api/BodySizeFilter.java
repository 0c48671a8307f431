package dev.roster.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over the limit (413) before anything reads it: by its {@code Content-Length}, or, for a
 * chunked body, by reading at most the limit and one byte more, then handing on what was read. A job's upload is
 * not limited here: it streams, bounded by the intake limits.
 */
final class BodySizeFilter extends OncePerRequestFilter {

	private final long limit;

	private final RequestMatcher unlimited;

	BodySizeFilter(long limit, RequestMatcher unlimited) {
		this.limit = limit;
		this.unlimited = unlimited;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.unlimited.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		long length = request.getContentLengthLong();
		if (length > this.limit) {
			refuse(response);
			return;
		}
		// a form's parameters are parsed from the original stream (Tomcat bounds them): only other bodies are read here
		if (length < 0 && request.getHeader("Transfer-Encoding") != null && !form(request)) {
			byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.limit + 1));
			if (body.length > this.limit) {
				refuse(response);
				return;
			}
			chain.doFilter(new ReadBody(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean form(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"));
	}

	private void refuse(HttpServletResponse response) throws IOException {
		// the connection closes rather than read a body nobody wants
		response.setHeader("Connection", "close");
		ApiErrors.write(response, HttpStatus.CONTENT_TOO_LARGE,
				"the request body is larger than " + this.limit + " bytes, the most this endpoint takes");
	}

	/** A request whose body was read already. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] bytes, int offset, int length) throws IOException {
					return in.read(bytes, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					// the whole body is here already: it is all available, and then all read
					try {
						listener.onDataAvailable();
						listener.onAllDataRead();
					}
					catch (IOException ex) {
						listener.onError(ex);
					}
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
