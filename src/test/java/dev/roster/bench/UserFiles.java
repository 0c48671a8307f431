package dev.roster.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Realistic invite files of any size, written as they stream: accented and non-Latin names, every optional column,
 * billing codes with leading zeros, both languages. Row {@code i} always describes the same user.
 */
final class UserFiles {

	static final String[] GROUPS = { "Sales", "Engineering", "Support", "Marketing", "Finance" };

	static final String[] OFFICES = { "Madrid", "London", "New York", "Barcelona", "São Paulo", "Zürich" };

	private static final String[] FIRST = { "María", "José", "Zoë", "Łukasz", "Søren", "Chloé", "Björn", "Ñuño",
			"Ana", "John", "Siobhán", "Amélie", "Wei", "Đorđe", "Ines", "Óscar" };

	private static final String[] LAST = { "García López", "Núñez", "Müller", "O'Brien", "Dubois", "Ibáñez",
			"Smith", "Øvergaard", "Kowalski", "Rossi", "Fernández Ruiz", "Çelik", "Li", "Nakamura" };

	private UserFiles() {
	}

	static final String HEADER = "Email,First Name,Last Name,Profile Type,Group,Office,Billing Code,Language";

	static String[] row(long i) {
		return new String[] { "user" + i + "@bench.example", FIRST[(int) (i % FIRST.length)],
				LAST[(int) ((i / FIRST.length) % LAST.length)], (i % 10 == 0) ? "Premium" : "Standard",
				GROUPS[(int) (i % GROUPS.length)], OFFICES[(int) (i % OFFICES.length)],
				String.format("%05d", i % 1000), (i % 3 == 0) ? "es" : "en" };
	}

	static Path csv(Path file, long rows) throws IOException {
		if (Files.exists(file) && Files.size(file) > 0 && rows(file) == rows) {
			return file;
		}
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(HEADER);
			out.write('\n');
			for (long i = 1; i <= rows; i++) {
				String[] row = row(i);
				for (int c = 0; c < row.length; c++) {
					if (c > 0) {
						out.write(',');
					}
					out.write(row[c].contains(",") ? "\"" + row[c] + "\"" : row[c]);
				}
				out.write('\n');
			}
		}
		Files.writeString(marker(file), Long.toString(rows));
		return file;
	}

	/**
	 * The same rows as {@link #csv(Path, long)}, as Excel stores them in an XLSX: every value a shared string, the
	 * table in order of first appearance, cells referring to it by index. Streamed into the ZIP in two passes over the
	 * rows, so the strings are never all on the heap: only the few values that repeat (names, groups, offices,
	 * billing codes) are remembered, and each email is new.
	 */
	static Path xlsx(Path file, long rows) throws IOException {
		if (Files.exists(file) && Files.size(file) > 0 && rows(file) == rows) {
			return file;
		}
		String[] header = HEADER.split(",");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file));
				Writer out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16)) {
			entry(zip, out, "[Content_Types].xml", XML + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
					+ "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package"
					+ ".relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
					+ "PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
					+ ".spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType="
					+ "\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName="
					+ "\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
					+ ".spreadsheetml.sharedStrings+xml\"/></Types>");
			entry(zip, out, "_rels/.rels", XML + RELATIONSHIPS + "<Relationship Id=\"rId1\" Type=\"" + RELATION_TYPE
					+ "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
			entry(zip, out, "xl/_rels/workbook.xml.rels", XML + RELATIONSHIPS + "<Relationship Id=\"rId1\" Type=\""
					+ RELATION_TYPE + "worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\""
					+ RELATION_TYPE + "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
			entry(zip, out, "xl/workbook.xml", XML + "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\""
					+ RELATION_TYPE.substring(0, RELATION_TYPE.length() - 1) + "\"><sheets><sheet name=\"Users\" "
					+ "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");

			zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
			Indexes counting = new Indexes();
			counting.of(header, rows);
			out.write(XML + "<sst xmlns=\"" + MAIN + "\" count=\"" + (rows + 1) * header.length + "\" uniqueCount=\""
					+ counting.next + "\">");
			Indexes indexes = new Indexes();
			for (long i = 0; i <= rows; i++) {
				String[] values = (i == 0) ? header : row(i);
				for (int c = 0; c < values.length; c++) {
					if (indexes.isNew(values[c], c == 0 && i > 0)) {
						out.write("<si><t>");
						out.write(escape(values[c]));
						out.write("</t></si>");
					}
				}
			}
			out.write("</sst>");
			out.flush();
			zip.closeEntry();

			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			out.write(XML + "<worksheet xmlns=\"" + MAIN + "\"><dimension ref=\"A1:H" + (rows + 1)
					+ "\"/><sheetData>");
			indexes = new Indexes();
			for (long i = 0; i <= rows; i++) {
				String[] values = (i == 0) ? header : row(i);
				long number = i + 1;
				out.write("<row r=\"" + number + "\" spans=\"1:8\">");
				for (int c = 0; c < values.length; c++) {
					indexes.isNew(values[c], c == 0 && i > 0);
					out.write("<c r=\"");
					out.write((char) ('A' + c));
					out.write(Long.toString(number));
					out.write("\" t=\"s\"><v>");
					out.write(Long.toString(indexes.last));
					out.write("</v></c>");
				}
				out.write("</row>");
			}
			out.write("</sheetData></worksheet>");
			out.flush();
			zip.closeEntry();
		}
		Files.writeString(marker(file), Long.toString(rows));
		return file;
	}

	private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private static final String RELATIONSHIPS = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
			+ "2006/relationships\">";

	private static final String RELATION_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

	private static void entry(ZipOutputStream zip, Writer out, String name, String content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		out.write(content);
		out.flush();
		zip.closeEntry();
	}

	private static String escape(String value) {
		return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * Shared-string indexes in order of first appearance; emails are unique, so only the repeating values are kept.
	 */
	private static final class Indexes {

		private final Map<String, Long> repeating = new HashMap<>();

		private long next;

		private long last;

		void of(String[] header, long rows) {
			for (long i = 0; i <= rows; i++) {
				String[] values = (i == 0) ? header : row(i);
				for (int c = 0; c < values.length; c++) {
					isNew(values[c], c == 0 && i > 0);
				}
			}
		}

		boolean isNew(String value, boolean unique) {
			if (unique) {
				this.last = this.next++;
				return true;
			}
			Long known = this.repeating.get(value);
			if (known != null) {
				this.last = known;
				return false;
			}
			this.last = this.next++;
			this.repeating.put(value, this.last);
			return true;
		}

	}

	private static long rows(Path file) throws IOException {
		Path marker = marker(file);
		return Files.exists(marker) ? Long.parseLong(Files.readString(marker).strip()) : -1;
	}

	private static Path marker(Path file) {
		return file.resolveSibling(file.getFileName() + ".rows");
	}

}
