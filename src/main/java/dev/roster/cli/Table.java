package dev.roster.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Columns aligned for a terminal; an empty cell prints as {@code -}. */
final class Table {

	private final List<String[]> rows = new ArrayList<>();

	Table(String... headers) {
		this.rows.add(headers);
	}

	void row(String... cells) {
		String[] row = new String[cells.length];
		for (int i = 0; i < cells.length; i++) {
			row[i] = (cells[i] == null || cells[i].isEmpty()) ? "-" : cells[i];
		}
		this.rows.add(row);
	}

	boolean isEmpty() {
		return this.rows.size() == 1;
	}

	void print(PrintWriter out) {
		int[] widths = new int[this.rows.get(0).length];
		for (String[] row : this.rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : this.rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append(row[i]);
				if (i < row.length - 1) {
					line.append(" ".repeat(widths[i] - row[i].length() + 2));
				}
			}
			out.println(line);
		}
	}

}
