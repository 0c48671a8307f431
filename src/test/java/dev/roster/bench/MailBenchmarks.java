package dev.roster.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.unbescape.html.HtmlEscape;

/**
 * deliver-emails of activation emails to a local SMTP sink, against a raw, tuned Jakarta Mail loop sending the same
 * messages to the same sink over as many connections: one thread per connection, each connection opened once and
 * reused for all its messages, content from strings prepared before the clock starts, the encodings named so Jakarta
 * Mail scans nothing, and the stream provider named (the setting Roster makes). Roster's side includes everything a
 * delivery does: claiming rows, rendering the templates, storing link tokens, marking rows sent and users' sent dates.
 */
final class MailBenchmarks {

	private static final String ACCOUNT = "mail-bench";

	private static final String WARM_UP = "mail-warm-up";

	private static final String ACCOUNT_NAME = "Bench Corporation";

	/** Connections of both sides: Roster's default {@code roster.mail.connections}. */
	private static final int CONNECTIONS = 4;

	private MailBenchmarks() {
	}

	static Benchmark deliverEmails(SmtpSink sink) {
		return new ImportBenchmarks.Named("deliver-emails", (context) -> deliverEmails(context, sink));
	}

	private static Measurement deliverEmails(BenchContext context, SmtpSink sink) throws Exception {
		long rows = Long.parseLong(System.getenv().getOrDefault("BENCH_MAIL_ROWS", "20000"));
		long warmUp = Long.parseLong(System.getenv().getOrDefault("BENCH_MAIL_WARMUP", "2000"));
		// both sides first send a warm-up account's emails, untimed, so neither is measured while the JIT compiles
		queueActivationEmails(context, WARM_UP, warmUp);
		// user1 writes in English, user3 in Spanish: their messages become the baseline's templates
		sink.keep(email(WARM_UP, 1));
		sink.keep(email(WARM_UP, 3));
		expect(context.roster("deliver-emails", "--account", WARM_UP), "sent=" + warmUp + " failed=0");
		List<Recipient> warmUpRecipients = recipients(context, WARM_UP);
		Map<String, Template> templates = Map.of("en", template(sink, warmUpRecipients.get(0)), "es",
				template(sink, warmUpRecipients.get(2)));
		rawLoop(sink.port(), warmUpRecipients, templates);

		queueActivationEmails(context, ACCOUNT, rows);
		List<Recipient> recipients = recipients(context, ACCOUNT);
		long before = sink.accepted();
		Timed<String> job = Timed.run(() -> context.roster("deliver-emails", "--account", ACCOUNT));
		expect(job.result(), "sent=" + rows + " failed=0");
		expect(sink.accepted() - before, rows);
		long baselineBefore = sink.accepted();
		Timed<Long> baseline = Timed.run(() -> rawLoop(sink.port(), recipients, templates));
		expect(sink.accepted() - baselineBefore, rows);
		return new Measurement(rows, job.seconds(), baseline.seconds(), job.peakHeapBytes());
	}

	private static String email(String account, long i) {
		return "user" + i + "@" + account + ".example";
	}

	private static void queueActivationEmails(BenchContext context, String slug, long rows) throws Exception {
		List<String> account = new ArrayList<>(List.of("account", "create", slug, "--name", ACCOUNT_NAME,
				"--profile-type", "Standard", "--profile-type", "Premium", "--billing-code", "00001"));
		for (String group : UserFiles.GROUPS) {
			account.addAll(List.of("--group", group));
		}
		for (String office : UserFiles.OFFICES) {
			account.addAll(List.of("--office", office));
		}
		context.roster(account.toArray(String[]::new));
		Path file = context.file(slug + "-users.csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(UserFiles.HEADER);
			out.write('\n');
			for (long i = 1; i <= rows; i++) {
				String[] row = UserFiles.row(i);
				row[0] = email(slug, i);
				for (int c = 0; c < row.length; c++) {
					out.write((c > 0) ? "," : "");
					out.write(row[c].contains(",") ? "\"" + row[c] + "\"" : row[c]);
				}
				out.write('\n');
			}
		}
		expect(context.roster("import-users", "--account", slug, "--no-deliver", "--file", file.toString()),
				"created=" + rows);
	}

	/** The raw loop: each connection sends every {@code CONNECTIONS}-th message. */
	private static long rawLoop(int port, List<Recipient> recipients, Map<String, Template> templates) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", Integer.toString(port));
		Session session = Session.getInstance(properties);
		InternetAddress from = new InternetAddress("Conferencing <no-reply@conferencing.example>");
		ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS);
		try {
			List<Future<Long>> sent = new ArrayList<>();
			for (int c = 0; c < CONNECTIONS; c++) {
				int first = c;
				sent.add(threads.submit(() -> {
					SecureRandom random = new SecureRandom();
					long count = 0;
					Transport transport = session.getTransport("smtp");
					transport.connect();
					try {
						for (int i = first; i < recipients.size(); i += CONNECTIONS) {
							Recipient recipient = recipients.get(i);
							MimeMessage message = message(session, from, recipient,
									templates.get(recipient.language()), token(random));
							transport.sendMessage(message, message.getAllRecipients());
							count++;
						}
					}
					finally {
						transport.close();
					}
					return count;
				}));
			}
			long total = 0;
			for (Future<Long> future : sent) {
				total += future.get();
			}
			return total;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static MimeMessage message(Session session, InternetAddress from, Recipient to, Template template,
			String token) throws Exception {
		MimeMessage message = new MimeMessage(session) {

			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", "<" + UUID.randomUUID() + "@conferencing.example>");
			}

		};
		message.setFrom(from);
		message.setRecipient(Message.RecipientType.TO,
				new InternetAddress(to.email(), to.firstName() + " " + to.lastName(), "UTF-8"));
		message.setSubject(template.subject(), "UTF-8");
		message.setSentDate(new Date());
		message.setHeader("Auto-Submitted", "auto-generated");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(part(template.fill(template.text(), to, token, false), "plain"));
		alternative.addBodyPart(part(template.fill(template.html(), to, token, true), "html"));
		message.setContent(alternative);
		message.saveChanges();
		return message;
	}

	private static MimeBodyPart part(String content, String subtype) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setText(content, "UTF-8", subtype);
		part.setHeader("Content-Transfer-Encoding", "quoted-printable");
		return part;
	}

	private static String token(SecureRandom random) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A message Roster sent to {@code sample}, with that user's values turned into placeholders. */
	private static Template template(SmtpSink sink, Recipient sample) throws Exception {
		MimeMessage message = sink.kept(sample.email());
		if (message == null) {
			throw new IllegalStateException("the sink kept no message to " + sample.email());
		}
		String text = null;
		String html = null;
		MimeMultipart parts = (MimeMultipart) message.getContent();
		for (int i = 0; i < parts.getCount(); i++) {
			BodyPart part = parts.getBodyPart(i);
			if (part.isMimeType("text/plain")) {
				text = (String) part.getContent();
			}
			else {
				html = (String) part.getContent();
			}
		}
		return new Template(message.getSubject(), placeholders(text, sample, false), placeholders(html, sample, true));
	}

	private static String placeholders(String body, Recipient sample, boolean html) {
		return body.replaceAll("token=[A-Za-z0-9_-]{43}", "token=@TOKEN@")
			.replace(escape(sample.email(), html), "@EMAIL@")
			.replace(escape(sample.firstName(), html), "@FIRST@")
			.replace(sample.hostCode(), "@HOST@")
			.replace(sample.guestCode(), "@GUEST@");
	}

	private static String escape(String value, boolean html) {
		return html ? HtmlEscape.escapeHtml4Xml(value) : value;
	}

	private static List<Recipient> recipients(BenchContext context, String slug) {
		return context.jdbc().query("""
				select u.email, u.first_name, u.last_name, u.language, u.host_code, u.guest_code
				from app_user u join account a on a.id = u.account_id
				where a.slug = ? order by u.id""", (rs, n) -> new Recipient(rs.getString(1), rs.getString(2),
				rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), slug);
	}

	private static void expect(String summary, String fragment) {
		if (!summary.contains(fragment)) {
			throw new IllegalStateException("expected '" + fragment + "' in: " + summary);
		}
	}

	private static void expect(long accepted, long rows) {
		if (accepted != rows) {
			throw new IllegalStateException("the sink accepted " + accepted + " messages, not " + rows);
		}
	}

	private record Recipient(String email, String firstName, String lastName, String language, String hostCode,
			String guestCode) {
	}

	private record Template(String subject, String text, String html) {

		String fill(String body, Recipient to, String token, boolean html) {
			return body.replace("@TOKEN@", token)
				.replace("@EMAIL@", escape(to.email(), html))
				.replace("@FIRST@", escape(to.firstName(), html))
				.replace("@HOST@", to.hostCode())
				.replace("@GUEST@", to.guestCode());
		}

	}

}
