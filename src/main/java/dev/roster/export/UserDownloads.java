package dev.roster.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The export of export-users as a download: the same queries, columns and neutralisation, written to a stream
 * instead of a file. One read-only transaction per download, so it is one consistent snapshot, and rows come from
 * {@code COPY} (CSV) or a server-side cursor (XLSX): memory holds one fetch of rows at most, whatever the user count.
 */
@Component
public class UserDownloads {

	/** How an export is downloaded: the format's file extension and its content type. */
	public enum Format {

		CSV("csv", "text/csv;charset=UTF-8"), XLSX("xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

		private final String extension;

		private final String contentType;

		Format(String extension, String contentType) {
			this.extension = extension;
			this.contentType = contentType;
		}

		public String extension() {
			return this.extension;
		}

		public String contentType() {
			return this.contentType;
		}

	}

	private final UserExports exports;

	private final TransactionTemplate transactions;

	UserDownloads(UserExports exports, PlatformTransactionManager transactionManager) {
		this.exports = exports;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setReadOnly(true);
	}

	/**
	 * Writes the account's users with {@code status} ({@code all}, {@code active}...) to {@code out} and closes it;
	 * returns how many.
	 */
	public long write(long accountId, String status, Format format, OutputStream out) {
		String wanted = status.toUpperCase(Locale.ROOT);
		Long rows = this.transactions.execute((transaction) -> {
			this.exports.planForExport();
			try {
				if (format == Format.CSV) {
					return this.exports.copyCsv(accountId, wanted, out);
				}
				try (XlsxUserSheet sheet = new XlsxUserSheet()) {
					long[] count = { 0 };
					this.exports.rows(accountId, wanted, (rs) -> {
						sheet.write(rs);
						count[0]++;
					});
					sheet.writeTo(out);
					return count[0];
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		return (rows != null) ? rows : 0;
	}

}
