package dev.roster;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import static org.assertj.core.api.Assertions.assertThat;

/** Writing input files and reading reports in tests. */
public final class TestFiles {

	private TestFiles() {
	}

	/** Writes {@code lines} as a UTF-8 CSV file. */
	public static Path csv(Path folder, String name, String... lines) {
		try {
			Path file = folder.resolve(name);
			Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A report's lines, header first; checks the BOM that makes Excel read UTF-8. */
	public static List<CSVRecord> report(String path) {
		try {
			String content = Files.readString(Path.of(path), StandardCharsets.UTF_8);
			assertThat(content).startsWith("\uFEFF");
			return CSVFormat.RFC4180.builder().get().parse(new StringReader(content.substring(1))).getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A report's lines as maps of column to value, keyed by {@code key}'s column. */
	public static Map<String, Map<String, String>> reportBy(String path, String key) {
		List<CSVRecord> lines = report(path);
		List<String> header = lines.get(0).toList();
		return lines.stream()
			.skip(1)
			.map((line) -> {
				Map<String, String> values = new java.util.LinkedHashMap<>();
				for (int i = 0; i < header.size(); i++) {
					values.put(header.get(i), (i < line.size()) ? line.get(i) : "");
				}
				return values;
			})
			.collect(Collectors.toMap((values) -> values.get(key), Function.identity(), (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

}
