package dev.roster.intake;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Names what a compound file (the container of Office 97-2003 documents) holds, so the person who dropped it knows
 * what to do: Excel also stores a password-protected XLSX in one, and "save it as XLSX" would not help there.
 */
final class LegacyOffice {

	private LegacyOffice() {
	}

	static String describe(Path file) {
		String found;
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
			DirectoryNode root = fs.getRoot();
			if (root.hasEntry("EncryptedPackage")) {
				return "is a password-protected workbook, which Roster cannot open; remove the password (File > Info "
						+ "> Protect Workbook > Encrypt with Password, then clear it), save it and drop it again";
			}
			if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
				return "looks like a legacy Excel 97-2003 workbook (.xls); " + ContentSniffer.SAVE_AS + ". "
						+ ContentSniffer.ACCEPTED;
			}
			if (root.hasEntry("WordDocument")) {
				found = "a legacy Word document (.doc)";
			}
			else if (root.hasEntry("PowerPoint Document")) {
				found = "a legacy PowerPoint presentation (.ppt)";
			}
			else {
				found = "a legacy Microsoft Office file";
			}
		}
		catch (IOException | RuntimeException ex) {
			// Damaged or truncated: what it is stays a guess, but its signature says Office 97-2003.
			found = "a legacy Microsoft Office file (.xls or .doc)";
		}
		return "looks like " + found + "; " + ContentSniffer.ACCEPTED;
	}

}
