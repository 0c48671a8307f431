package dev.roster.reactivate;

import dev.roster.intake.EmailListRules;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Validates each row on its own: a valid email. Whether the user exists is the writer's question. */
class ReactivateProcessor implements ItemProcessor<InputRow, ReactivationRow> {

	private final TabularItemReader reader;

	private final IntakeLimits limits;

	private EmailListRules rules;

	ReactivateProcessor(TabularItemReader reader, IntakeLimits limits) {
		this.reader = reader;
		this.limits = limits;
	}

	@Override
	public ReactivationRow process(InputRow row) {
		if (this.rules == null) {
			// the columns are known only once the step has opened the reader
			this.rules = new EmailListRules(this.reader.columns(), this.limits);
		}
		String problem = this.rules.rowProblem(row, UserRowRules.EMAIL);
		if (problem == null) {
			problem = this.rules.emailProblem(row, UserRowRules.EMAIL, "email");
		}
		return new ReactivationRow(row, this.rules.value(row, UserRowRules.EMAIL), problem);
	}

}
