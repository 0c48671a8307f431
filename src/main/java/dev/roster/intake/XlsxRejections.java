package dev.roster.intake;

import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

import javax.xml.stream.XMLStreamException;

/**
 * What a refused workbook is told, in one place: the reasons the package and the sheet readers find (a damaged
 * workbook, a part past its limit), and how a failure from deep inside POI, the ZIP layer or the XML parser becomes
 * the one rejection its user reads. The readers only say what they found; the wording, which the intake corpus pins
 * down message by message, lives here.
 */
final class XlsxRejections {

	private XlsxRejections() {
	}

	static Refused sharedStringMissing(long row, String index, long strings) {
		return new Refused("is a damaged workbook: row " + row + " refers to shared string " + index
				+ ", but the workbook has " + strings);
	}

	static Refused rowNumberUnreadable(String sheetName, String reference) {
		return new Refused("is a damaged workbook: a row of sheet '" + sheetName + "' is numbered '" + reference + "'");
	}

	static Refused rowNumberOutOfRange(String sheetName, long row) {
		return new Refused(String.format(Locale.ROOT,
				"is a damaged workbook: sheet '%s' has a row numbered %d; a worksheet has rows 1 to %,d", sheetName,
				row, XlsxRows.SHEET_ROWS));
	}

	static Refused rowOutOfOrder(String sheetName, long row, long lastRow) {
		return new Refused("is a damaged workbook: in sheet '" + sheetName + "', row " + row + " comes after row "
				+ lastRow);
	}

	static Refused cellBeyondLastColumn(long row, String reference) {
		return new Refused("is a damaged workbook: row " + row + " has a cell '" + reference
				+ "' beyond the last column a worksheet has (XFD)");
	}

	static Refused cellUnnamed(long row, String reference) {
		return new Refused("is a damaged workbook: row " + row + " has a cell named '" + reference + "'");
	}

	static Refused tooManyCellFormats(int limit) {
		return new Refused("its styles part has more than " + limit + " cell formats, more than Excel allows; refused");
	}

	static Refused packagePartTooLarge(String part, long bytes) {
		return new Refused("its part " + part + " takes " + TabularReader.formatBytes(bytes)
				+ ", where workbooks need a few kilobytes; refused");
	}

	/** A part that inflates past {@code limit} whatever size it declared, found while it is read. */
	static ZipGuard.RejectedWhileReading packagePartInflatesPast(String part, long limit) {
		return new ZipGuard.RejectedWhileReading("its part " + part + " takes more than "
				+ TabularReader.formatBytes(limit) + ", where workbooks need a few kilobytes; refused");
	}

	static InputRejectedException noWorkbookPart(String fileName) {
		return InputRejectedException.of(fileName, "is an Office package without a workbook in it; "
				+ ContentSniffer.ACCEPTED);
	}

	static InputRejectedException noWorksheet(String fileName) {
		return InputRejectedException.of(fileName, "is a workbook without a worksheet");
	}

	static InputRejectedException noSuchSheet(String fileName, String wanted, List<String> sheets) {
		return InputRejectedException.of(fileName, "has no sheet '" + wanted + "'; its sheets are "
				+ sheets.stream().map((sheet) -> "'" + sheet + "'").collect(Collectors.joining(", ")));
	}

	/**
	 * The rejection {@code ex} stands for: a limit or an unsafe part found while reading, or a damaged workbook;
	 * I/O failures stay I/O failures.
	 * @param part the part being read, for messages
	 * @param where where in it, e.g. {@code " after row 7"}, or empty
	 */
	static RuntimeException of(String fileName, Exception ex, String part, String where) {
		if (ex instanceof InputRejectedException rejected) {
			return rejected;
		}
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (cause instanceof InputRejectedException rejected) {
				return rejected;
			}
			if (cause instanceof Refused refused) {
				return InputRejectedException.of(fileName, refused.getMessage());
			}
			if (cause instanceof ZipGuard.RejectedWhileReading reason) {
				return InputRejectedException.of(fileName, reason.getMessage());
			}
			if (cause instanceof XmlParts.UnsafeXmlException unsafe) {
				return InputRejectedException.of(fileName, unsafe.getMessage());
			}
		}
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (String.valueOf(cause.getMessage()).contains("DOCTYPE")) {
				// a part POI parses itself ([Content_Types].xml, relationships), with DTDs disallowed too
				return InputRejectedException.of(fileName, "one of its parts declares a document type (<!DOCTYPE "
						+ "...>), which spreadsheet programs never write and XML attacks (entity expansion, external "
						+ "entities) need; refused without reading it");
			}
		}
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (cause instanceof XMLStreamException xml && xml.getNestedException() instanceof CharConversionException) {
				return InputRejectedException.of(fileName, "is a damaged workbook: its part " + part
						+ " is not valid UTF-8 text" + where + "; open it in Excel and save it again");
			}
			if (cause instanceof XMLStreamException xml && !(xml.getNestedException() instanceof IOException)) {
				return InputRejectedException.of(fileName, XmlParts.describe(xml, part, where));
			}
			if (cause instanceof ZipException || cause instanceof EOFException) {
				return InputRejectedException.of(fileName, "is a damaged workbook: a part cannot be decompressed"
						+ where + " (" + cause.getMessage() + "); open it in Excel and save it again");
			}
		}
		if (ex instanceof IOException io) {
			return new UncheckedIOException(io);
		}
		if (ex instanceof UncheckedIOException unchecked) {
			return unchecked;
		}
		return InputRejectedException.of(fileName, "is a damaged workbook (" + ex.getMessage()
				+ "); open it in Excel and save it again");
	}

	private static Throwable next(Throwable cause) {
		if (cause instanceof XMLStreamException xml && xml.getNestedException() != null
				&& xml.getNestedException() != cause) {
			return xml.getNestedException();
		}
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

	/**
	 * The workbook is refused for the reason given (the message, without the file name).
	 */
	static final class Refused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Refused(String reason) {
			super(reason);
		}

	}

}
