package dev.roster.intake;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams the data rows of an XLSX, CSV or TSV file to a chunk step, after checking its header against the job's
 * fields.
 * <p>
 * A file refused as a whole changes nothing: what refuses it (a damaged row, invalid text, a limit, a hostile part)
 * can sit anywhere in the file, so it is read through once when the reader opens, before a row reaches the step.
 * <p>
 * Parsing runs on a thread of its own, a bounded queue ahead of the step, so that reading the file overlaps with the
 * step writing the previous chunk to the database. The same thread turns each row into the job's item (the job's
 * validation of a row on its own, which needs no database), so that work overlaps too: the step's thread, the one
 * the database waits for between chunks, only takes finished items, handed over a batch at a time so that the two
 * threads do not wake each other for every row. At most {@link #READ_AHEAD} items wait, plus the batch being filled
 * and the one being taken, so memory stays flat whatever the file's size.
 * <p>
 * Restart: the step saves how many rows it has taken with each committed chunk; on restart the file is read again from
 * the top and that many rows are skipped, so no row is applied twice and none is lost.
 */
public class TabularItemReader<T> extends AbstractItemCountingItemStreamItemReader<T> {

	static final int READ_AHEAD = 4096;

	private static final int BATCH = 256;

	private static final Object END = new Object();

	private final Path file;

	private final String sheet;

	private final IntakeLimits limits;

	private final HeaderAliases aliases;

	private final Set<String> required;

	private final Function<ColumnMap, Function<InputRow, T>> items;

	private TabularReader reader;

	private ColumnMap columns;

	private BlockingQueue<List<Object>> queue;

	private List<Object> batch = List.of();

	private int position;

	private Thread parser;

	private boolean ended;

	/**
	 * @param sheet the worksheet to read from a workbook, {@code null} for its first visible one
	 * @param items what makes the job's item of a row, given the file's columns; it runs on the parsing thread, so
	 * it must not touch the database or the step's transaction
	 */
	public TabularItemReader(String name, Path file, String sheet, IntakeLimits limits, HeaderAliases aliases,
			Set<String> required, Function<ColumnMap, Function<InputRow, T>> items) {
		setName(name);
		this.file = file;
		this.sheet = sheet;
		this.limits = limits;
		this.aliases = aliases;
		this.required = required;
		this.items = items;
	}

	/** Reads the rows themselves of a CSV or TSV file, or of a workbook's sheet ({@code null}: the first visible). */
	public static TabularItemReader<InputRow> rows(String name, Path file, String sheet, IntakeLimits limits,
			HeaderAliases aliases, Set<String> required) {
		return new TabularItemReader<>(name, file, sheet, limits, aliases, required, (columns) -> Function.identity());
	}

	/** The file's columns, known once the reader is open. */
	public ColumnMap columns() {
		if (this.columns == null) {
			throw new IllegalStateException("The reader of " + this.file.getFileName() + " is not open");
		}
		return this.columns;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		super.open(executionContext);
		executionContext.putString(getExecutionContextKey("unknown-columns"),
				String.join("\n", this.columns.unknownColumns()));
	}

	@Override
	protected void doOpen() {
		try (TabularReader check = TabularReader.open(this.file, this.limits, this.sheet)) {
			ColumnMap.resolve(check.fileName(), check.header(), this.aliases, this.required);
			while (check.next() != null) {
				// only whether the whole file reads matters here
			}
		}
		this.reader = TabularReader.open(this.file, this.limits, this.sheet);
		List<String> header = this.reader.header();
		this.columns = ColumnMap.resolve(this.file.getFileName().toString(), header, this.aliases, this.required);
		this.queue = new ArrayBlockingQueue<>(READ_AHEAD / BATCH);
		this.batch = List.of();
		this.position = 0;
		this.ended = false;
		TabularReader source = this.reader;
		BlockingQueue<List<Object>> queue = this.queue;
		Function<InputRow, T> item = this.items.apply(this.columns);
		this.parser = new Thread(() -> parse(source, item, queue), "roster-parse-" + this.file.getFileName());
		this.parser.setDaemon(true);
		this.parser.start();
	}

	private static <T> void parse(TabularReader source, Function<InputRow, T> item,
			BlockingQueue<List<Object>> queue) {
		List<Object> batch = new ArrayList<>(BATCH);
		try {
			try {
				for (InputRow row = source.next(); row != null; row = source.next()) {
					batch.add(item.apply(row));
					if (batch.size() == BATCH) {
						queue.put(batch);
						batch = new ArrayList<>(BATCH);
					}
				}
				batch.add(END);
			}
			catch (RuntimeException ex) {
				// the step rethrows it when it reaches this point of the file
				batch.add(ex);
			}
			queue.put(batch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	protected T doRead() throws InterruptedException {
		if (this.ended) {
			return null;
		}
		if (this.position == this.batch.size()) {
			this.batch = this.queue.take();
			this.position = 0;
		}
		Object next = this.batch.get(this.position++);
		if (next == END) {
			this.ended = true;
			return null;
		}
		if (next instanceof RuntimeException failure) {
			this.ended = true;
			throw failure;
		}
		return (T) next;
	}

	@Override
	protected void doClose() throws Exception {
		if (this.parser != null) {
			this.parser.interrupt();
			this.parser.join();
			this.parser = null;
		}
		if (this.reader != null) {
			this.reader.close();
			this.reader = null;
		}
	}

}
