package dev.roster.database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.roster.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Values go through COPY's text format and come back exactly as they were. */
class CopyRowsTests extends IntegrationTest {

	@AfterEach
	void dropTable() {
		this.jdbc.execute("drop table if exists copy_rows_check");
	}

	@Test
	void everyValueComesBackAsItWas() {
		this.jdbc.execute("create table copy_rows_check (n bigint, value text, flag boolean)");
		List<String> values = Arrays.asList("plain", "tab\there", "new\nline", "carriage\rreturn", "back\\slash",
				"\\N", "", null, "María José Núñez 山田", "all\t\n\r\\ of them");
		CopyRows rows = new CopyRows("copy_rows_check", "n, value, flag");
		for (int i = 0; i < values.size(); i++) {
			rows.add((long) i).add(values.get(i)).add(i % 2 == 0).endRow();
		}

		assertThat(rows.copy(this.jdbc.getDataSource())).isEqualTo(values.size());

		List<String> stored = new ArrayList<>();
		this.jdbc.query("select value, flag, n from copy_rows_check order by n", (rs) -> {
			stored.add(rs.getString(1));
			assertThat(rs.getBoolean(2)).isEqualTo(rs.getLong(3) % 2 == 0);
		});
		assertThat(stored).containsExactlyElementsOf(values);
	}

}
