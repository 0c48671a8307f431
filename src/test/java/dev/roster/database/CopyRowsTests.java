package dev.roster.database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.roster.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values go through COPY's text format and come back exactly as they were; rows stream in pieces, and a COPY left
 * unfinished fails its transaction without a trace.
 */
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
		try (CopyRows rows = CopyRows.into(this.jdbc.getDataSource(), "copy_rows_check", "n, value, flag")) {
			for (int i = 0; i < values.size(); i++) {
				rows.add((long) i).add(values.get(i)).add(i % 2 == 0).endRow();
			}

			assertThat(rows.finish()).isEqualTo(values.size());
		}

		List<String> stored = new ArrayList<>();
		this.jdbc.query("select value, flag, n from copy_rows_check order by n", (rs) -> {
			stored.add(rs.getString(1));
			assertThat(rs.getBoolean(2)).isEqualTo(rs.getLong(3) % 2 == 0);
		});
		assertThat(stored).containsExactlyElementsOf(values);
	}

	@Test
	void manyPiecesMakeOneCopy() {
		this.jdbc.execute("create table copy_rows_check (n bigint, value text, flag boolean)");
		int count = 20_000; // several pieces of text
		try (CopyRows rows = CopyRows.into(this.jdbc.getDataSource(), "copy_rows_check", "n, value, flag")) {
			for (int i = 0; i < count; i++) {
				rows.add((long) i).add("row " + i + " María\tNúñez").add(true).endRow();
			}
			assertThat(rows.finish()).isEqualTo(count);
		}

		assertThat(count("select count(*) from copy_rows_check")).isEqualTo(count);
		assertThat(count("select count(*) from copy_rows_check where value = format('row %s María%sNúñez', n, chr(9))"))
			.isEqualTo(count);
	}

	@Test
	void aCopyLeftUnfinishedRollsItsTransactionBack() {
		this.jdbc.execute("create table copy_rows_check (n bigint, value text, flag boolean)");
		TransactionTemplate transaction = new TransactionTemplate(
				this.context.getBean(PlatformTransactionManager.class));

		assertThatThrownBy(() -> transaction.executeWithoutResult((status) -> {
			this.jdbc.update("insert into copy_rows_check values (-1, 'before the copy', false)");
			try (CopyRows rows = CopyRows.into(this.jdbc.getDataSource(), "copy_rows_check", "n, value, flag")) {
				for (int i = 0; i < 20_000; i++) {
					rows.add((long) i).add("streamed before the failure").add(false).endRow();
				}
				throw new IllegalStateException("a row could not be formatted");
			}
		})).isInstanceOf(IllegalStateException.class).hasMessage("a row could not be formatted");

		assertThat(count("select count(*) from copy_rows_check")).isZero();
		// the connection the COPY had is usable again
		this.jdbc.update("insert into copy_rows_check values (1, 'afterwards', true)");
		assertThat(count("select count(*) from copy_rows_check")).isOne();
	}

}
