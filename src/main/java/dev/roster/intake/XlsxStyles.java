package dev.roster.intake;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Turns a numeric cell into the text a person reads, from the number format of its style: dates become ISO dates
 * ({@code 2026-03-01}, or {@code 2026-03-01T09:30:00} with a time), numbers formatted to look like text keep that
 * look (777 formatted {@code 00000} reads {@code 00777}), and numbers in the General format read as typed, without a
 * spurious {@code .0} and without binary noise ({@code 0.30000000000000004} reads {@code 0.3}).
 */
final class XlsxStyles {

	/** Excel allows 64,000 cell formats per workbook; a styles part with far more is not a real workbook's. */
	static final int MAX_CELL_FORMATS = 100_000;

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss",
			Locale.ROOT);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

	// Excel computes with 15 significant digits; anything past them is binary noise.
	private static final MathContext EXCEL_PRECISION = new MathContext(15);

	private final int[] formatOfStyle;

	private final int styles;

	private final Map<Integer, String> customFormats;

	private final boolean date1904;

	private DataFormatter formatter;

	private XlsxStyles(int[] formatOfStyle, int styles, Map<Integer, String> customFormats, boolean date1904) {
		this.formatOfStyle = formatOfStyle;
		this.styles = styles;
		this.customFormats = customFormats;
		this.date1904 = date1904;
	}

	/**
	 * No styles part: every number in the General format.
	 */
	static XlsxStyles none(boolean date1904) {
		return new XlsxStyles(new int[0], 0, Map.of(), date1904);
	}

	/**
	 * Reads the number formats ({@code <numFmts>}) and the cell formats ({@code <cellXfs>}) of a styles part; cell
	 * styles refer to the latter by position.
	 */
	static XlsxStyles read(XmlParts.Parser part, boolean date1904) throws XMLStreamException {
		Map<Integer, String> customFormats = new HashMap<>();
		int[] formatOfStyle = new int[64];
		int styles = 0;
		boolean inCellFormats = false;
		while (part.reader().hasNext()) {
			int event = part.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = part.name();
				if (name.equals("numFmt")) {
					Integer id = parseId(part.attribute("numFmtId"));
					String code = part.attribute("formatCode");
					if (id != null && code != null && customFormats.size() < MAX_CELL_FORMATS) {
						customFormats.put(id, code);
					}
				}
				else if (name.equals("cellXfs")) {
					inCellFormats = true;
				}
				else if (name.equals("xf") && inCellFormats) {
					if (styles == MAX_CELL_FORMATS) {
						throw XlsxRejections.tooManyCellFormats(MAX_CELL_FORMATS);
					}
					if (styles == formatOfStyle.length) {
						formatOfStyle = java.util.Arrays.copyOf(formatOfStyle, styles * 2);
					}
					Integer id = parseId(part.attribute("numFmtId"));
					formatOfStyle[styles++] = (id != null) ? id : 0;
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT && part.name().equals("cellXfs")) {
				inCellFormats = false;
			}
		}
		return new XlsxStyles(formatOfStyle, styles, customFormats, date1904);
	}

	/**
	 * The text a numeric cell of style {@code style} (its {@code s} attribute, 0 when absent) shows for {@code raw},
	 * the number as stored.
	 */
	String format(String raw, int style) {
		double value;
		try {
			value = Double.parseDouble(raw);
		}
		catch (NumberFormatException ex) {
			return raw;
		}
		int formatId = (style >= 0 && style < this.styles) ? this.formatOfStyle[style] : 0;
		String code = this.customFormats.get(formatId);
		if (code == null) {
			code = BuiltinFormats.getBuiltinFormat(formatId);
		}
		if (isDate(formatId, code) && DateUtil.isValidExcelDate(value)) {
			return date(value);
		}
		if (code == null || formatId == 0 || code.equalsIgnoreCase("General") || code.equals("@")) {
			return general(value);
		}
		if (this.formatter == null) {
			this.formatter = new DataFormatter(Locale.US);
		}
		return this.formatter.formatRawCellContents(value, formatId, code);
	}

	private static boolean isDate(int formatId, String code) {
		if (code == null) {
			// Built-in ids Excel leaves to the locale: 27-36 and 50-58 are the East Asian date formats.
			return (formatId >= 27 && formatId <= 36) || (formatId >= 50 && formatId <= 58);
		}
		return DateUtil.isADateFormat(formatId, code);
	}

	private String date(double value) {
		LocalDateTime dateTime = DateUtil.getLocalDateTime(value, this.date1904, true);
		if (value < 1) {
			return TIME.format(dateTime);
		}
		LocalDateTime seconds = dateTime.truncatedTo(ChronoUnit.SECONDS);
		if (seconds.toLocalTime().toSecondOfDay() == 0) {
			return seconds.toLocalDate().toString();
		}
		return DATE_TIME.format(seconds);
	}

	/**
	 * A number as Excel's General format shows it in a wide enough column: integers without a decimal point, others
	 * to at most 15 significant digits, never in scientific notation.
	 */
	static String general(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return Double.toString(value);
		}
		return new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
	}

	private static Integer parseId(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
