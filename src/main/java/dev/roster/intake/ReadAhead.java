package dev.roster.intake;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parses records on a thread of its own, a bounded number ahead of the reader, so that parsing a workbook overlaps
 * with the job writing the previous chunk to the database. Records come out in file order; a failure comes out where
 * it happened, after the records parsed before it. At most {@code (QUEUED + 2) * BATCH} records are held.
 */
final class ReadAhead implements RowSource {

	private static final int BATCH = 512;

	private static final int QUEUED = 4;

	private static final Object END = new Object();

	private final RowSource source;

	private final String description;

	private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);

	private final Thread producer;

	private volatile boolean closed;

	private List<Record> batch = List.of();

	private int position;

	private boolean ended;

	ReadAhead(RowSource source, String name) {
		this.source = source;
		this.description = source.description();
		this.producer = new Thread(this::produce, "roster-read-ahead-" + name);
		this.producer.setDaemon(true);
		this.producer.start();
	}

	@Override
	public Record next() {
		if (this.position < this.batch.size()) {
			return this.batch.get(this.position++);
		}
		if (this.ended) {
			return null;
		}
		Object next;
		try {
			next = this.queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UncheckedIOException(new InterruptedIOException("interrupted while reading"));
		}
		if (next == END) {
			this.ended = true;
			return null;
		}
		if (next instanceof RuntimeException failure) {
			this.ended = true;
			throw failure;
		}
		if (next instanceof Error error) {
			this.ended = true;
			throw error;
		}
		@SuppressWarnings("unchecked")
		List<Record> records = (List<Record>) next;
		this.batch = records;
		this.position = 1;
		return records.get(0);
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public String nothingRead() {
		return this.source.nothingRead();
	}

	@Override
	public void close() {
		this.closed = true;
		this.producer.interrupt();
		boolean interrupted = false;
		while (this.producer.isAlive()) {
			try {
				this.producer.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		// the producer has stopped using the source
		this.source.close();
	}

	private void produce() {
		List<Record> records = new ArrayList<>(BATCH);
		try {
			for (Record record = this.source.next(); record != null && !this.closed; record = this.source.next()) {
				records.add(record);
				if (records.size() == BATCH) {
					this.queue.put(records);
					records = new ArrayList<>(BATCH);
				}
			}
			if (!records.isEmpty()) {
				this.queue.put(records);
			}
			this.queue.put(END);
		}
		catch (InterruptedException ex) {
			// closed by the reader
		}
		catch (RuntimeException | Error failure) {
			try {
				if (!records.isEmpty()) {
					this.queue.put(records);
				}
				this.queue.put(failure);
			}
			catch (InterruptedException ex) {
				// closed by the reader
			}
		}
	}

}
