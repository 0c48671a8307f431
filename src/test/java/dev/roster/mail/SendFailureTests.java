package dev.roster.mail;

import java.net.SocketException;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendFailureTests {

	@Test
	void aRecipientRefusedWith5xxIsPermanent() throws Exception {
		SMTPAddressFailedException refused = new SMTPAddressFailedException(new InternetAddress("x@acme.example"),
				"RCPT TO:<x@acme.example>", 550, "550 5.1.1 mailbox unavailable");
		// what Jakarta Mail throws when every recipient of a message is refused
		SendFailedException thrown = new SendFailedException("Invalid Addresses", refused);

		SendFailure failure = SendFailure.of(thrown);

		assertThat(failure.permanent()).isTrue();
		assertThat(failure.connectionLost()).isFalse();
		assertThat(failure.message()).isEqualTo("550 5.1.1 mailbox unavailable");
	}

	@Test
	void a4xxReplyIsRetried() throws Exception {
		SMTPSendFailedException busy = new SMTPSendFailedException(".", 451, "451 try again later", null, null, null,
				null);

		SendFailure failure = SendFailure.of(busy);

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.maybeDelivered()).isFalse();
		assertThat(failure.message()).isEqualTo("451 try again later");
	}

	@Test
	void aConnectionLostWhileSendingIsRetriedAndMayHaveBeenDelivered() {
		MessagingException lost = new MessagingException("IOException while sending message",
				new SocketException("Connection reset"));

		SendFailure failure = SendFailure.of(lost);

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.connectionLost()).isTrue();
		assertThat(failure.maybeDelivered()).isTrue();
		assertThat(failure.message()).contains("Connection reset");
	}

	@Test
	void anAddressMailCannotGoToIsPermanent() {
		SendFailure failure = SendFailure.of(new AddressException("Local address contains control or whitespace",
				"bad address@acme.example"));

		assertThat(failure.permanent()).isTrue();
		assertThat(failure.message()).startsWith("invalid address: ");
	}

}
