package dev.roster.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.roster.RosterHome;
import dev.roster.files.OwnerOnly;
import dev.roster.intake.ContentSniffer;
import dev.roster.intake.IntakeLimits;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * What a launch request brings: its options (query parameters, and form fields of a multipart body) and its file,
 * streamed to an owner-only file under {@code $ROSTER_HOME/uploads/<account>/} as it arrives, hashed and its lines
 * counted on the way. It is never held in memory, and one over the intake file-size limit is refused (413) as soon as
 * it passes the limit, leaving nothing behind.
 */
@Component
public class Uploads {

	/** The multipart part, and the form of a launch, that carries the file. */
	public static final String FILE = "file";

	private static final int MAX_FIELD_BYTES = 4096;

	private final RosterHome home;

	private final IntakeLimits limits;

	Uploads(RosterHome home, IntakeLimits limits) {
		this.home = home;
		this.limits = limits;
	}

	/** Reads the request of a launch in {@code account}: multipart, a raw body, or options only. */
	public Upload read(HttpServletRequest request, String account) throws IOException {
		Map<String, String> fields = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (values.length > 1) {
				throw ApiProblem.badRequest("option " + name + " is given " + values.length + " times; give it once");
			}
			fields.put(name, values[0]);
		});
		if (JakartaServletFileUpload.isMultipartContent(request)) {
			return multipart(request, account, fields);
		}
		boolean body = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		if (!body || isForm(request)) {
			// a form's fields are parameters already
			return new Upload(fields, null);
		}
		String name = fileName(request.getHeader(HttpHeaders.CONTENT_DISPOSITION));
		return new Upload(fields, store(request.getInputStream(), account, name));
	}

	private Upload multipart(HttpServletRequest request, String account, Map<String, String> fields)
			throws IOException {
		StoredFile file = null;
		try {
			FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
			while (parts.hasNext()) {
				FileItemInput part = parts.next();
				String name = part.getFieldName();
				if (FILE.equals(name) && !part.isFormField() && "".equals(part.getName())) {
					// a browser's file input left empty sends a part with no file name and no content: no file
					continue;
				}
				if (FILE.equals(name) && !part.isFormField()) {
					if (file != null) {
						throw ApiProblem.badRequest("send one file part");
					}
					file = store(part.getInputStream(), account, part.getName());
				}
				else if (!part.isFormField()) {
					throw ApiProblem.badRequest("unknown file part '" + name + "'; send the file as the part 'file'");
				}
				else if (fields.put(name, field(part)) != null) {
					throw ApiProblem.badRequest("option " + name + " is given twice; give it once");
				}
			}
			return new Upload(fields, file);
		}
		catch (FileUploadException ex) {
			discard(file);
			throw ApiProblem.badRequest("cannot read the multipart body: " + ex.getMessage());
		}
		catch (RuntimeException | IOException ex) {
			discard(file);
			throw ex;
		}
	}

	private static String field(FileItemInput part) throws IOException {
		try (InputStream in = part.getInputStream()) {
			byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
			if (value.length > MAX_FIELD_BYTES) {
				throw ApiProblem.badRequest("option " + part.getFieldName() + " is longer than " + MAX_FIELD_BYTES
						+ " bytes");
			}
			return new String(value, StandardCharsets.UTF_8);
		}
	}

	/**
	 * Streams the file into its place, owner-only; a file that passes the limit is refused with 413 and its partial
	 * copy deleted (the pending file is deleted when closed uncommitted).
	 */
	private StoredFile store(InputStream in, String account, String originalName) throws IOException {
		String name = (originalName == null || originalName.isBlank()) ? "upload" : Path.of(originalName.replace('\\', '/'))
			.getFileName()
			.toString();
		Path target = this.home.folder("uploads", account).resolve(UUID.randomUUID() + "-" + safe(name));
		MessageDigest digest = sha256();
		long max = this.limits.maxFileBytes();
		byte[] buffer = new byte[64 * 1024];
		long bytes = 0;
		long newlines = 0;
		byte last = '\n';
		byte[] head = new byte[4];
		try (OwnerOnly.Pending pending = OwnerOnly.write(target)) {
			try (OutputStream out = pending.stream()) {
				for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
					if (bytes < head.length) {
						System.arraycopy(buffer, 0, head, (int) bytes, (int) Math.min(n, head.length - bytes));
					}
					bytes += n;
					if (bytes > max) {
						throw ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "the file is larger than the limit of "
								+ DataSize.ofBytes(max).toKilobytes() + " KB (roster.intake.max-file-size); "
								+ "nothing was stored or changed");
					}
					digest.update(buffer, 0, n);
					for (int i = 0; i < n; i++) {
						if (buffer[i] == '\n') {
							newlines++;
						}
					}
					last = buffer[n - 1];
					out.write(buffer, 0, n);
				}
			}
			Path stored = pending.commit();
			// a workbook's rows are not its lines; a text file's are, but for quoted line breaks: a progress bar's total
			boolean zip = ContentSniffer.isZip(head);
			long lines = newlines + ((last != '\n') ? 1 : 0);
			Long rows = zip ? null : Math.max(0, lines - 1);
			return new StoredFile(stored, name, HexFormat.of().formatHex(digest.digest()), bytes, rows);
		}
	}

	/** Deletes a file that will not be launched after all. */
	public static void discard(StoredFile file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file.path());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + file.path() + ": " + ex.getMessage(), ex);
		}
	}

	private static boolean isForm(HttpServletRequest request) {
		try {
			return request.getContentType() != null && MediaType.APPLICATION_FORM_URLENCODED
				.includes(MediaType.parseMediaType(request.getContentType()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String fileName(String contentDisposition) {
		if (contentDisposition == null) {
			return null;
		}
		try {
			return ContentDisposition.parse(contentDisposition).getFilename();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** A name safe in any file system, keeping its extension, which says how to read the file. */
	private static String safe(String name) {
		String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
		return (safe.length() > 100) ? safe.substring(safe.length() - 100) : safe;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A launch request's options by name, and its file, or {@code null} when it brought none. */
	public record Upload(Map<String, String> fields, StoredFile file) {
	}

	/**
	 * A file stored for a launch.
	 *
	 * @param name its name as the client gave it
	 * @param rows its data rows (lines after the header), or {@code null} for a workbook
	 */
	public record StoredFile(Path path, String name, String sha256, long bytes, Long rows) {
	}

}
