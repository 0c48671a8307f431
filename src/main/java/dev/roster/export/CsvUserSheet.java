package dev.roster.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV in UTF-8 with a byte-order mark, the one signal that makes Excel read accents right. Values a spreadsheet would
 * run as a formula get a leading apostrophe, which Roster's own import removes again.
 */
final class CsvUserSheet implements UserSheet {

	private final Path target;

	private final Path temporary;

	private final CSVPrinter printer;

	private boolean finished;

	CsvUserSheet(Path target) throws IOException {
		this.target = target;
		this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
		BufferedWriter out = Files.newBufferedWriter(this.temporary, StandardCharsets.UTF_8);
		out.write('\uFEFF');
		this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
		this.printer.printRecord(COLUMNS);
	}

	@Override
	public void write(List<String> row) throws IOException {
		for (String value : row) {
			this.printer.print(neutralise(value));
		}
		this.printer.println();
	}

	@Override
	public void finish() throws IOException {
		this.printer.close(true);
		Files.move(this.temporary, this.target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		this.finished = true;
	}

	@Override
	public void close() throws IOException {
		if (!this.finished) {
			this.printer.close();
			Files.deleteIfExists(this.temporary);
		}
	}

	/** OWASP's advice for CSV injection: a value starting with = + - @ tab or CR is shown as text. */
	static String neutralise(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

}
