package dev.roster.intake;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on input files, bound from {@code roster.intake.*}, and where operators keep their header aliases.
 *
 * @param maxFileSize a larger file is rejected before it is read
 * @param maxRows a file with more data rows is rejected
 * @param maxCellLength a longer value rejects its row
 * @param headerAliases an operator's alias file, merged over the built-in one when it exists
 */
@ConfigurationProperties("roster.intake")
record IntakeProperties(@DefaultValue("256MB") DataSize maxFileSize, @DefaultValue("2000000") long maxRows,
		@DefaultValue("1000") int maxCellLength,
		@DefaultValue("${roster.jobs-dir:./jobs}/header-aliases.yaml") Path headerAliases) {

	IntakeLimits limits() {
		return new IntakeLimits(this.maxFileSize.toBytes(), this.maxRows, this.maxCellLength);
	}

}
