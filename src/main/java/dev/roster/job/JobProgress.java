package dev.roster.job;

import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/** Where running jobs report their counters after each committed chunk; the command line prints them. */
@Component
public class JobProgress {

	private volatile Consumer<Map<String, Long>> listener = (counts) -> {
	};

	public void listen(Consumer<Map<String, Long>> listener) {
		this.listener = listener;
	}

	void report(Map<String, Long> counts) {
		this.listener.accept(counts);
	}

}
