package dev.roster.api;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;

/** A {@code multipart/form-data} body as a browser sends it: form fields, then a file part streamed from disk. */
public final class Multipart {

	private final String boundary = "roster-test-" + System.nanoTime();

	private final StringBuilder fields = new StringBuilder();

	private Path file;

	public Multipart field(String name, String value) {
		this.fields.append("--")
			.append(this.boundary)
			.append("\r\nContent-Disposition: form-data; name=\"")
			.append(name)
			.append("\"\r\n\r\n")
			.append(value)
			.append("\r\n");
		return this;
	}

	public Multipart file(Path file) {
		this.file = file;
		return this;
	}

	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	public BodyPublisher body() {
		if (this.file == null) {
			return BodyPublishers.ofString(this.fields + "--" + this.boundary + "--\r\n");
		}
		try {
			return BodyPublishers.concat(BodyPublishers.ofString(this.fields + "--" + this.boundary
					+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + this.file.getFileName()
					+ "\"\r\nContent-Type: text/csv\r\n\r\n"), BodyPublishers.ofFile(this.file),
					BodyPublishers.ofString("\r\n--" + this.boundary + "--\r\n"));
		}
		catch (FileNotFoundException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A POST of this body to {@code uri} with the bearer token. */
	public HttpRequest post(java.net.URI uri, String token) {
		return HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", contentType())
			.POST(body())
			.build();
	}

}
