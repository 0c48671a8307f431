package dev.roster.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one way the XML parts of a workbook are parsed: a pull parser that refuses any document type declaration, so
 * neither entity expansion ("billion laughs") nor external entities (XXE) can happen, and that never reads a value
 * longer than a spreadsheet cell could hold. Spreadsheet programs never write a DTD, so refusing one costs nothing.
 */
final class XmlParts {

	/** Excel's longest cell is 32,767 characters; escaped in UTF-8 that stays far below this. */
	static final int MAX_RUN_BYTES = 8 * 1024 * 1024;

	private static final XMLInputFactory FACTORY = hardenedFactory();

	private XmlParts() {
	}

	/**
	 * A reader of {@code part}, whose bytes are {@code in}.
	 */
	static Parser open(InputStream in, String part) throws XMLStreamException {
		return new Parser(FACTORY.createXMLStreamReader(new RunGuard(in, part)), part);
	}

	private static XMLInputFactory hardenedFactory() {
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
			throw new XMLStreamException("external entity " + systemId + " refused");
		});
		return factory;
	}

	/**
	 * Why {@code ex}, thrown while parsing {@code part}, makes the workbook unreadable, in words for the person who
	 * dropped it.
	 */
	static String describe(XMLStreamException ex, String part, String where) {
		String message = String.valueOf(ex.getMessage());
		int at = message.indexOf("Message: ");
		if (at >= 0) {
			message = message.substring(at + "Message: ".length());
		}
		Location location = ex.getLocation();
		String position = (location != null && location.getLineNumber() > 0)
				? " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")" : "";
		return "is a damaged workbook: its part " + part + " is not well-formed XML" + where + position + ": "
				+ message.strip() + "; open it in Excel and save it again";
	}

	/**
	 * A pull parser over one part that refuses document type declarations and entity references as it meets them.
	 */
	static final class Parser implements AutoCloseable {

		private final XMLStreamReader reader;

		private final String part;

		Parser(XMLStreamReader reader, String part) {
			this.reader = reader;
			this.part = part;
		}

		XMLStreamReader reader() {
			return this.reader;
		}

		String part() {
			return this.part;
		}

		/**
		 * The next event, as {@link XMLStreamReader#next()}.
		 * @throws UnsafeXmlException at a DTD or an entity reference
		 */
		int next() throws XMLStreamException {
			int event = this.reader.next();
			if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE
					|| event == XMLStreamConstants.ENTITY_DECLARATION) {
				throw new UnsafeXmlException(this.part);
			}
			return event;
		}

		/**
		 * The local name of the current element, whatever its namespace (Strict and Transitional OOXML differ only
		 * there).
		 */
		String name() {
			return this.reader.getLocalName();
		}

		/**
		 * An attribute of the current element by local name, {@code null} when absent.
		 */
		String attribute(String localName) {
			for (int i = 0, n = this.reader.getAttributeCount(); i < n; i++) {
				if (localName.equals(this.reader.getAttributeLocalName(i))) {
					return this.reader.getAttributeValue(i);
				}
			}
			return null;
		}

		/**
		 * Appends the current text event to {@code text}, up to {@code max} characters in all.
		 */
		void appendText(StringBuilder text, int max) {
			int room = max - text.length();
			if (room > 0) {
				int length = this.reader.getTextLength();
				text.append(this.reader.getTextCharacters(), this.reader.getTextStart(), Math.min(room, length));
			}
		}

		@Override
		public void close() throws XMLStreamException {
			this.reader.close();
		}

	}

	/**
	 * A DTD or entity reference was found: spreadsheet programs never write one, attacks do.
	 */
	static final class UnsafeXmlException extends XMLStreamException {

		private static final long serialVersionUID = 1L;

		UnsafeXmlException(String part) {
			super("its part " + part + " declares a document type (<!DOCTYPE ...>) or uses entities, which "
					+ "spreadsheet programs never write and XML attacks (entity expansion, external entities) need; "
					+ "refused without reading it");
		}

	}

	/**
	 * Counts the bytes since the last {@code <}: markup comes every few bytes in a workbook, so a long run without one
	 * is a value no cell could hold, which a parser would otherwise buffer whole (an attribute, a comment).
	 */
	private static final class RunGuard extends FilterInputStream {

		private final String part;

		private long run;

		RunGuard(InputStream in, String part) {
			super(in);
			this.part = part;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(b);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				long run = this.run;
				for (int i = offset, end = offset + read; i < end; i++) {
					run = (buffer[i] == '<') ? 0 : run + 1;
				}
				this.run = run;
				check();
			}
			return read;
		}

		private void count(int b) throws IOException {
			this.run = (b == '<') ? 0 : this.run + 1;
			check();
		}

		private void check() throws IOException {
			if (this.run > MAX_RUN_BYTES) {
				throw new ZipGuard.RejectedWhileReading("its part " + this.part + " holds a value of more than "
						+ TabularReader.formatBytes(MAX_RUN_BYTES) + ", more than any spreadsheet cell can hold; refused");
			}
		}

	}

}
