package dev.roster.terminate;

import java.time.LocalDate;

import dev.roster.intake.DateCells;
import dev.roster.intake.EmailListRules;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Validates each row of a termination feed on its own: a valid email, and a termination date that is blank (at once),
 * a date, or the word {@code cancel}. Whether the user exists is the writer's question, asked once per chunk.
 */
class TerminateProcessor implements ItemProcessor<InputRow, TerminationRow> {

	private final TabularItemReader reader;

	private final IntakeLimits limits;

	private EmailListRules rules;

	TerminateProcessor(TabularItemReader reader, IntakeLimits limits) {
		this.reader = reader;
		this.limits = limits;
	}

	@Override
	public TerminationRow process(InputRow row) {
		if (this.rules == null) {
			// the columns are known only once the step has opened the reader
			this.rules = new EmailListRules(this.reader.columns(), this.limits);
		}
		String problem = this.rules.rowProblem(row, UserRowRules.EMAIL, DateCells.TERMINATION_DATE);
		if (problem == null) {
			problem = this.rules.emailProblem(row, UserRowRules.EMAIL, "email");
		}
		String email = this.rules.value(row, UserRowRules.EMAIL);
		if (problem != null) {
			return new TerminationRow(row, email, null, false, problem);
		}
		String date = this.rules.value(row, DateCells.TERMINATION_DATE);
		if (date.isEmpty()) {
			return new TerminationRow(row, email, null, false, null);
		}
		if (DateCells.isCancel(date)) {
			return new TerminationRow(row, email, null, true, null);
		}
		LocalDate parsed = DateCells.parse(date);
		if (parsed == null) {
			return new TerminationRow(row, email, null, false,
					this.rules.inColumn("invalid termination date '" + date + "'", DateCells.TERMINATION_DATE) + "; "
							+ DateCells.HINT + ", leave it blank to terminate at once, or write cancel to cancel a "
							+ "scheduled termination");
		}
		return new TerminationRow(row, email, parsed, false, null);
	}

}
