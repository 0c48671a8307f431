package dev.roster.terminate;

import java.time.LocalDate;
import java.util.function.Function;

import dev.roster.intake.ColumnMap;
import dev.roster.intake.DateCells;
import dev.roster.intake.EmailListRules;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.UserRowRules;

/**
 * Validates each row of a termination feed on its own: a valid email (invisible characters removed), and a
 * termination date that is blank (at once), a date, or the word {@code cancel}. Whether the user exists is the
 * writer's question, asked once per chunk.
 */
class TerminateProcessor implements Function<InputRow, TerminationRow> {

	private final EmailListRules rules;

	TerminateProcessor(ColumnMap columns, IntakeLimits limits) {
		this.rules = new EmailListRules(columns, limits);
	}

	@Override
	public TerminationRow apply(InputRow row) {
		String problem = this.rules.rowProblem(row, UserRowRules.EMAIL, DateCells.TERMINATION_DATE);
		if (problem == null) {
			problem = this.rules.emailProblem(row, UserRowRules.EMAIL, "email");
		}
		String email = this.rules.email(row, UserRowRules.EMAIL);
		boolean cleaned = this.rules.emailCleaned(row, UserRowRules.EMAIL);
		if (problem != null) {
			return new TerminationRow(row, email, null, false, problem, cleaned);
		}
		String date = this.rules.value(row, DateCells.TERMINATION_DATE);
		if (date.isEmpty()) {
			return new TerminationRow(row, email, null, false, null, cleaned);
		}
		if (DateCells.isCancel(date)) {
			return new TerminationRow(row, email, null, true, null, cleaned);
		}
		LocalDate parsed = DateCells.parse(date);
		if (parsed == null) {
			return new TerminationRow(row, email, null, false,
					this.rules.inColumn("invalid termination date '" + date + "'", DateCells.TERMINATION_DATE) + "; "
							+ DateCells.HINT + ", leave it blank to terminate at once, or write cancel to cancel a "
							+ "scheduled termination", cleaned);
		}
		return new TerminationRow(row, email, parsed, false, null, cleaned);
	}

}
