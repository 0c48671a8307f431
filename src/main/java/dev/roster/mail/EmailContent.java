package dev.roster.mail;

/** One rendered email: its subject and its two alternative bodies. */
record EmailContent(String subject, String text, String html) {
}
