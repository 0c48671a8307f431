package dev.roster.intake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where each field is in one file: the file's header resolved against {@link HeaderAliases} for one job, refusing the
 * file when a required column is missing or two columns stand for the same field. Columns that stand for no field are
 * ignored and listed by {@link #unknownColumns()}; blank header cells are ignored without being listed.
 */
public final class ColumnMap {

	private final List<String> header;

	private final HeaderAliases aliases;

	private final Map<String, Integer> indexByField;

	private final List<String> unknownColumns;

	private ColumnMap(List<String> header, HeaderAliases aliases, Map<String, Integer> indexByField,
			List<String> unknownColumns) {
		this.header = header;
		this.aliases = aliases;
		this.indexByField = indexByField;
		this.unknownColumns = unknownColumns;
	}

	/**
	 * Maps {@code header} (as {@link TabularReader#header()} returns it) onto fields.
	 * @param fileName the file name rejection messages start with
	 * @param required the fields this job cannot do without
	 * @throws InputRejectedException when the header is empty, a required field has no column, or two columns stand
	 * for one field
	 * @throws IllegalArgumentException when a required field is not one {@code aliases} knows
	 */
	public static ColumnMap resolve(String fileName, List<String> header, HeaderAliases aliases, Set<String> required) {
		for (String field : required) {
			if (!aliases.fields().contains(field)) {
				throw new IllegalArgumentException("required field " + field + " has no header aliases");
			}
		}
		List<String> columns = header.stream().map(Cells::clean).toList();
		if (columns.stream().allMatch(String::isEmpty)) {
			throw InputRejectedException.of(fileName, "the header row is empty; the first row must name the columns");
		}
		Map<String, Integer> indexByField = new LinkedHashMap<>();
		List<String> unknown = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			String column = columns.get(i);
			if (column.isEmpty()) {
				continue;
			}
			String field = aliases.fieldOf(column).orElse(null);
			if (field == null) {
				unknown.add(column);
				continue;
			}
			Integer first = indexByField.putIfAbsent(field, i);
			if (first != null) {
				throw InputRejectedException.of(fileName, "columns '" + columns.get(first) + "' (" + letterOf(first)
						+ ") and '" + column + "' (" + letterOf(i) + ") are both read as " + aliases.displayName(field)
						+ "; keep only one of them");
			}
		}
		List<String> missing = aliases.fields()
			.stream()
			.filter((field) -> required.contains(field) && !indexByField.containsKey(field))
			.map((field) -> "'" + aliases.displayName(field) + "' (accepted headers: "
					+ String.join(", ", acceptedHeaders(aliases, field)) + ")")
			.toList();
		if (!missing.isEmpty()) {
			throw InputRejectedException.of(fileName,
					"missing required column" + (missing.size() > 1 ? "s " : " ") + joinAnd(missing)
							+ "; headers found: "
							+ columns.stream().filter((column) -> !column.isEmpty()).collect(Collectors.joining(", ")));
		}
		return new ColumnMap(columns, aliases, Collections.unmodifiableMap(indexByField), List.copyOf(unknown));
	}

	/**
	 * Whether the file has a column for {@code field}.
	 */
	public boolean has(String field) {
		return this.indexByField.containsKey(field);
	}

	/**
	 * The value of {@code field} in {@code row}; {@code ""} when the file has no such column or the row is short.
	 */
	public String get(InputRow row, String field) {
		Integer index = this.indexByField.get(field);
		if (index == null || index >= row.cells().size()) {
			return "";
		}
		return row.cells().get(index);
	}

	/**
	 * The header of {@code field}'s column as the user wrote it, for messages like "column 'Correo' (C)"; for a
	 * field the file lacks, the name it would be asked for by (its first alias).
	 */
	public String columnName(String field) {
		Integer index = this.indexByField.get(field);
		return (index != null) ? this.header.get(index) : this.aliases.displayName(field);
	}

	/**
	 * The spreadsheet letter of {@code field}'s column (A, B, ... Z, AA...); {@code ""} for a field the file lacks.
	 */
	public String columnLetter(String field) {
		Integer index = this.indexByField.get(field);
		return (index != null) ? letterOf(index) : "";
	}

	/**
	 * The non-blank headers that stand for no field, left to right: the job ignores their values.
	 */
	public List<String> unknownColumns() {
		return this.unknownColumns;
	}

	/**
	 * The number of header columns, blank ones between named columns included: a row with more cells than this is
	 * one {@link TabularReader} found non-blank values beyond the header in.
	 */
	public int width() {
		return this.header.size();
	}

	/**
	 * Whether {@code row} has non-blank values to the right of the last header column; such a row must be rejected,
	 * as its values were probably shifted by a delimiter inside an unquoted value.
	 */
	public boolean hasExtraCells(InputRow row) {
		return row.cells().size() > width();
	}

	/**
	 * The spreadsheet letter of the zero-based column {@code index}: 0 is A, 25 is Z, 26 is AA.
	 */
	public static String letterOf(int index) {
		if (index < 0) {
			throw new IllegalArgumentException("negative column index " + index);
		}
		StringBuilder letters = new StringBuilder();
		for (int n = index + 1; n > 0; n = (n - 1) / 26) {
			letters.append((char) ('A' + (n - 1) % 26));
		}
		return letters.reverse().toString();
	}

	private static List<String> acceptedHeaders(HeaderAliases aliases, String field) {
		List<String> accepted = aliases.aliasesOf(field);
		return accepted.isEmpty() ? List.of(field) : accepted;
	}

	private static String joinAnd(List<String> items) {
		if (items.size() == 1) {
			return items.get(0);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
	}

}
