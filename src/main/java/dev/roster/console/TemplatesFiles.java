package dev.roster.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.roster.RosterJobs;
import dev.roster.intake.DateCells;
import dev.roster.intake.UserRowRules;
import dev.roster.job.JobDefinition;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Empty files to fill in for each job that reads one: its columns (those its reader maps, required first), headed in
 * English or Spanish with headers the intake's aliases accept ({@code jobs/header-aliases.yaml}), so a filled
 * template goes straight back in. A Spanish CSV is separated by semicolons, as Excel in Spanish writes and reads it;
 * an English one by commas; both start with the byte order mark that makes Excel read UTF-8. An XLSX's cells are text,
 * so leading zeros of billing codes stay.
 */
@Component
class TemplatesFiles {

	private static final List<String> USER_COLUMNS = List.of(UserRowRules.EMAIL, UserRowRules.FIRST_NAME,
			UserRowRules.LAST_NAME, UserRowRules.PROFILE_TYPE, UserRowRules.GROUP, UserRowRules.OFFICE,
			UserRowRules.BILLING_CODE, UserRowRules.LANGUAGE);

	/** The fields each job's reader maps, by command; every job of {@link RosterJobs#ALL} reading a file is here. */
	static final Map<String, List<String>> COLUMNS = Map.of("import-users", USER_COLUMNS, "sync-roster",
			with(USER_COLUMNS, DateCells.TERMINATION_DATE), "terminate",
			List.of(UserRowRules.EMAIL, DateCells.TERMINATION_DATE), "reactivate", List.of(UserRowRules.EMAIL),
			"import-delegates", List.of("host_email", "delegate_email"), "send-emails", List.of(UserRowRules.EMAIL));

	private final MessageSource messages;

	TemplatesFiles(MessageSource messages) {
		this.messages = messages;
	}

	/** The jobs that read a file, in the command line's order. */
	static List<String> jobs() {
		return RosterJobs.ALL.stream().filter(JobDefinition::takesFile).map(JobDefinition::command).toList();
	}

	/** The fields of a job that reads a file; empty for any other name. */
	static Optional<List<String>> fields(String job) {
		return jobs().contains(job) ? Optional.of(COLUMNS.get(job)) : Optional.empty();
	}

	/** The headers of a job's template in a language, by field, in column order. */
	Map<String, String> headers(String job, Locale language) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String field : COLUMNS.get(job)) {
			headers.put(field, this.messages.getMessage("templates.column." + field, null, language));
		}
		return headers;
	}

	byte[] csv(String job, Locale language) {
		String separator = "es".equals(language.getLanguage()) ? ";" : ",";
		String header = String.join(separator, headers(job, language).values());
		return ("\uFEFF" + header + "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	byte[] xlsx(String job, Locale language) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle text = workbook.createCellStyle();
			text.setDataFormat(workbook.createDataFormat().getFormat("@"));
			CellStyle bold = workbook.createCellStyle();
			bold.cloneStyleFrom(text);
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Sheet sheet = workbook.createSheet(job);
			Row row = sheet.createRow(0);
			List<String> headers = new ArrayList<>(headers(job, language).values());
			for (int column = 0; column < headers.size(); column++) {
				// what is typed under the header is text too: 00420 stays 00420
				sheet.setDefaultColumnStyle(column, text);
				sheet.setColumnWidth(column, 24 * 256);
				Cell cell = row.createCell(column);
				cell.setCellStyle(bold);
				cell.setCellValue(headers.get(column));
			}
			sheet.createFreezePane(0, 1);
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> with(List<String> fields, String field) {
		List<String> all = new ArrayList<>(fields);
		all.add(field);
		return List.copyOf(all);
	}

}
