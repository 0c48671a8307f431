package dev.roster.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

	private static long rows(Path file) throws IOException {
		Path marker = marker(file);
		return Files.exists(marker) ? Long.parseLong(Files.readString(marker).strip()) : -1;
	}

	private static Path marker(Path file) {
		return file.resolveSibling(file.getFileName() + ".rows");
	}

}
