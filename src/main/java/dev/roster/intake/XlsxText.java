package dev.roster.intake;

/**
 * Text as OOXML stores it: characters XML cannot carry (carriage returns, other control characters) are written as
 * {@code _xHHHH_}, and a literal {@code _x} sequence is itself escaped as {@code _x005F_}. An escape is the only way a
 * NUL character ({@code _x0000_}) gets into a workbook's text: XML itself cannot carry one, not even as {@code &#0;}.
 */
final class XlsxText {

	private XlsxText() {
	}

	static String decode(CharSequence raw) {
		int first = indexOf(raw, 0);
		if (first < 0) {
			return raw.toString();
		}
		StringBuilder decoded = new StringBuilder(raw.length());
		int from = 0;
		for (int at = first; at >= 0; at = indexOf(raw, from)) {
			decoded.append(raw, from, at);
			decoded.append((char) Integer.parseInt(raw.subSequence(at + 2, at + 6).toString(), 16));
			from = at + 7;
		}
		return decoded.append(raw, from, raw.length()).toString();
	}

	/**
	 * Whether {@code decoded}, what {@link #decode(CharSequence)} made of {@code raw}, holds a NUL character. Only
	 * text that held an escape is searched: every escape makes the text shorter.
	 */
	static boolean holdsNul(CharSequence raw, String decoded) {
		return decoded.length() != raw.length() && decoded.indexOf('\0') >= 0;
	}

	private static int indexOf(CharSequence raw, int from) {
		for (int i = from, end = raw.length() - 6; i < end; i++) {
			if (raw.charAt(i) == '_' && raw.charAt(i + 1) == 'x' && raw.charAt(i + 6) == '_' && isHex(raw.charAt(i + 2))
					&& isHex(raw.charAt(i + 3)) && isHex(raw.charAt(i + 4)) && isHex(raw.charAt(i + 5))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
