package dev.roster.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where exported rows go when Roster writes them itself (XLSX; CSV comes from COPY). */
interface UserSheet extends Closeable {

	List<String> COLUMNS = List.of("Email", "First Name", "Last Name", "Status", "Profile Type", "Group", "Office",
			"Host Code", "Guest Code", "Billing Code", "Language", "Activation Email Sent", "Welcome Email Sent",
			"Created", "Terminated");

	void write(List<String> row) throws IOException;

	/** Writes the current row of a query in the columns of {@link #COLUMNS}, as {@link UserExports#rows} gives it. */
	default void write(ResultSet rs) throws SQLException {
		List<String> row = new ArrayList<>(COLUMNS.size());
		for (int column = 1; column <= COLUMNS.size(); column++) {
			row.add(rs.getString(column));
		}
		try {
			write(row);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How many worksheets the rows written so far take. */
	int sheets();

	/** Completes the file; a sheet closed without finishing is discarded. */
	void finish() throws IOException;

	static UserSheet open(Path file) throws IOException {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".xlsx")) {
			return new XlsxUserSheet(file);
		}
		throw new IllegalArgumentException("cannot export to '" + file.getFileName() + "': use a .xlsx name");
	}

}
