package dev.roster.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

class TabularItemReaderTest {

	private static final HeaderAliases ALIASES = HeaderAliases.of(Map.of("email", List.of("Email")));

	@TempDir
	Path folder;

	@Test
	void makesEachItemOnTheParsingThreadInFileOrder() throws Exception {
		Path file = csv("Email\na@acme.example\nb@acme.example\nc@acme.example\n");
		List<String> threads = new ArrayList<>();
		TabularItemReader<String> reader = new TabularItemReader<>("test", file, null, IntakeLimits.defaults(),
				ALIASES, Set.of("email"), (columns) -> (row) -> {
					threads.add(Thread.currentThread().getName());
					return row.number() + ":" + columns.get(row, "email");
				});
		reader.open(new ExecutionContext());
		try {
			assertThat(List.of(reader.read(), reader.read(), reader.read())).containsExactly("2:a@acme.example",
					"3:b@acme.example", "4:c@acme.example");
			assertThat(reader.read()).isNull();
		}
		finally {
			reader.close();
		}
		assertThat(threads).hasSize(3).allMatch((name) -> name.equals("roster-parse-users.csv"));
	}

	@Test
	void aFailureMakingAnItemStopsTheStepAtItsRowAfterTheItemsBefore() throws Exception {
		Path file = csv("Email\na@acme.example\nboom\nc@acme.example\n");
		TabularItemReader<String> reader = new TabularItemReader<>("test", file, null, IntakeLimits.defaults(),
				ALIASES, Set.of("email"), (columns) -> (row) -> {
					if (columns.get(row, "email").equals("boom")) {
						throw new IllegalStateException("row " + row.number());
					}
					return columns.get(row, "email");
				});
		reader.open(new ExecutionContext());
		try {
			assertThat(reader.read()).isEqualTo("a@acme.example");
			assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class).hasMessage("row 3");
		}
		finally {
			reader.close();
		}
	}

	@Test
	void handsOverThousandsOfItemsInOrderThenTheFailureWhereItHappened() throws Exception {
		StringBuilder text = new StringBuilder("Email\n");
		for (int i = 1; i <= 5000; i++) {
			text.append((i == 4321) ? "boom" : "user" + i + "@acme.example").append('\n');
		}
		Path file = csv(text.toString());
		TabularItemReader<Long> reader = new TabularItemReader<>("test", file, null, IntakeLimits.defaults(), ALIASES,
				Set.of("email"), (columns) -> (row) -> {
					if (columns.get(row, "email").equals("boom")) {
						throw new IllegalStateException("row " + row.number());
					}
					return row.number();
				});
		reader.open(new ExecutionContext());
		try {
			for (long row = 2; row <= 4321; row++) {
				assertThat(reader.read()).isEqualTo(row);
			}
			assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class).hasMessage("row 4322");
			assertThat(reader.read()).isNull();
		}
		finally {
			reader.close();
		}
	}

	@Test
	void restartSkipsTheItemsAlreadyTaken() throws Exception {
		Path file = csv("Email\na@acme.example\nb@acme.example\nc@acme.example\n");
		ExecutionContext context = new ExecutionContext();
		TabularItemReader<InputRow> first = TabularItemReader.rows("test", file, null, IntakeLimits.defaults(),
				ALIASES, Set.of("email"));
		first.open(context);
		first.read();
		first.read();
		first.update(context);
		first.close();

		TabularItemReader<InputRow> again = TabularItemReader.rows("test", file, null, IntakeLimits.defaults(),
				ALIASES, Set.of("email"));
		again.open(context);
		try {
			assertThat(again.read().cells()).containsExactly("c@acme.example");
			assertThat(again.read()).isNull();
		}
		finally {
			again.close();
		}
	}

	private Path csv(String text) throws IOException {
		return Files.writeString(this.folder.resolve("users.csv"), text, StandardCharsets.UTF_8);
	}

}
