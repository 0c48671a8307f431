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
 * @param maxColumns a value further right than this column rejects the file
 * @param maxInflateRatio an XLSX part expanding more than this many times its compressed size rejects the file
 * @param maxUnzippedSize XLSX parts expanding to more than this, all together, reject the file
 * @param headerAliases an operator's alias file, merged over the built-in one when it exists
 */
@ConfigurationProperties("roster.intake")
record IntakeProperties(@DefaultValue("256MB") DataSize maxFileSize, @DefaultValue("2000000") long maxRows,
		@DefaultValue("1000") int maxCellLength, @DefaultValue("1000") int maxColumns,
		@DefaultValue("100") int maxInflateRatio, @DefaultValue("2GB") DataSize maxUnzippedSize,
		@DefaultValue("${roster.jobs-dir:./jobs}/header-aliases.yaml") Path headerAliases) {

	IntakeLimits limits() {
		return new IntakeLimits(this.maxFileSize.toBytes(), this.maxRows, this.maxCellLength, this.maxColumns,
				this.maxInflateRatio, this.maxUnzippedSize.toBytes());
	}

}
