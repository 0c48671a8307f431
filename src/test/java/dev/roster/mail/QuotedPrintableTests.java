package dev.roster.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedPrintableTests {

	@Test
	void jakartaMailDecodesWhatItEncodes() throws Exception {
		String text = "Hola, María:\n\nCódigo de anfitrión: 12345678 = el tuyo.\r\nA line that ends in blanks \t\n"
				+ "x".repeat(200) + "\n" + "é".repeat(60) + "\nlast line without a break";

		byte[] encoded = QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8));

		// line breaks come back as CRLF, as mail carries them
		assertThat(decode(encoded)).isEqualTo(text.replace("\r\n", "\n").replace("\n", "\r\n"));
	}

	@Test
	void linesStayWithin76CharactersAndOnlyPrintableAsciiIsLeftAsItIs() {
		String text = "Zoë=" + "ñ".repeat(100) + " \n" + "a".repeat(300);

		String encoded = new String(QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.US_ASCII);

		assertThat(encoded.split("\r\n")).allSatisfy((line) -> {
			assertThat(line.length()).isLessThanOrEqualTo(76);
			assertThat(line).doesNotEndWith(" ").matches("[\\x21-\\x7e ]*");
		});
		assertThat(encoded).startsWith("Zo=C3=AB=3D=C3=B1").contains("=20\r\naaa");
	}

	private static String decode(byte[] encoded) throws MessagingException, IOException {
		try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
