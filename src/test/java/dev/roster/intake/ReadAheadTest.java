package dev.roster.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ReadAheadTest {

	@Test
	void handsOutEveryRecordInOrderThenTheFailureWhereItHappened() {
		try (ReadAhead reader = new ReadAhead(new Numbers(2000, true, new AtomicBoolean()), "test")) {
			for (long i = 1; i <= 2000; i++) {
				assertThat(reader.next().number()).isEqualTo(i);
			}
			assertThatThrownBy(reader::next).isInstanceOf(InputRejectedException.class).hasMessage("after 2000");
			assertThat(reader.next()).isNull();
		}
	}

	@Test
	void endsWithNullAfterTheLastRecord() {
		try (ReadAhead reader = new ReadAhead(new Numbers(3, false, new AtomicBoolean()), "test")) {
			assertThat(List.of(reader.next().number(), reader.next().number(), reader.next().number()))
				.containsExactly(1L, 2L, 3L);
			assertThat(reader.next()).isNull();
		}
	}

	@Test
	void closingBeforeTheEndStopsTheParserAndClosesTheSource() {
		AtomicBoolean closed = new AtomicBoolean();
		ReadAhead reader = new ReadAhead(new Numbers(Long.MAX_VALUE, false, closed), "test");
		assertThat(reader.next().number()).isEqualTo(1);

		reader.close();

		assertThat(closed).isTrue();
	}

	/** Records numbered 1 to {@code count}, then the end or a rejection. */
	private static final class Numbers implements RowSource {

		private final long count;

		private final boolean fail;

		private final AtomicBoolean closed;

		private long number;

		Numbers(long count, boolean fail, AtomicBoolean closed) {
			this.count = count;
			this.fail = fail;
			this.closed = closed;
		}

		@Override
		public Record next() {
			if (this.number == this.count) {
				if (this.fail) {
					throw new InputRejectedException("after " + this.count);
				}
				return null;
			}
			return new Record(++this.number, List.of("row " + this.number));
		}

		@Override
		public String description() {
			return "numbers";
		}

		@Override
		public String nothingRead() {
			return "no numbers";
		}

		@Override
		public void close() {
			this.closed.set(true);
		}

	}

}
