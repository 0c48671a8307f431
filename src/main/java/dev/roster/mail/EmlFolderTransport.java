package dev.roster.mail;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

import dev.roster.files.OwnerOnly;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * With no mail server configured, each email becomes an RFC 822 {@code .eml} file in {@code $ROSTER_HOME/outbox/},
 * named after its recipient: any mail program opens it. The files hold live set-password links, so only Roster's own
 * user reads them ({@link OwnerOnly}). A file appears only complete (written beside it under an exclusive name, then
 * moved), and a message sent again after a crash overwrites its own file rather than adding a copy.
 */
final class EmlFolderTransport implements MailTransport {

	private final Path folder;

	private final Session session = Session.getInstance(new Properties());

	EmlFolderTransport(Path folder) {
		this.folder = folder;
	}

	@Override
	public Session session() {
		return this.session;
	}

	@Override
	public Connection connect() {
		return new Connection() {

			@Override
			public void send(MimeMessage message, String fileName) throws MessagingException {
				Path target = EmlFolderTransport.this.folder.resolve(fileName + ".eml");
				try (OwnerOnly.Pending file = OwnerOnly.write(target)) {
					try (OutputStream out = new BufferedOutputStream(file.stream())) {
						message.writeTo(out);
					}
					file.commit();
				}
				catch (IOException ex) {
					throw new MessagingException("Cannot write " + target + ": " + ex.getMessage(), ex);
				}
				catch (UncheckedIOException ex) {
					throw new MessagingException(ex.getMessage(), ex.getCause());
				}
			}

			@Override
			public boolean isOpen() {
				return true;
			}

			@Override
			public void close() {
			}

		};
	}

	@Override
	public boolean rateLimited() {
		return false;
	}

	@Override
	public String describe() {
		return ".eml files in " + this.folder;
	}

}
