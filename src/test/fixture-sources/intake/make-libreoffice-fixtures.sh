#!/bin/sh
# Regenerates the fixtures of src/test/resources/intake that LibreOffice writes, from the sources beside this script:
# the corpus then holds what real spreadsheet software produces. The tests read the committed outputs and do not need
# LibreOffice. Needs: soffice (Debian: libreoffice-calc-nogui). Run from this folder.
set -eu
out=../../resources/intake
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
convert() { # source target-extension filter [infilter]
	if [ $# -eq 4 ]; then
		soffice --headless --infilter="$4" --convert-to "$3" --outdir "$work" "$1" >/dev/null
	else
		soffice --headless --convert-to "$3" --outdir "$work" "$1" >/dev/null
	fi
}
convert users.fods xlsx xlsx && mv "$work/users.xlsx" "$out/libreoffice-users.xlsx"
convert users.fods ods ods && mv "$work/users.ods" "$out/libreoffice-users.ods"
convert users.fods xls xls && mv "$work/users.xls" "$out/libreoffice-users.xls"
convert users.fods pdf pdf && mv "$work/users.pdf" "$out/libreoffice-users.pdf"
# CSV exports of the first sheet: separator, quote, charset (76 UTF-8, 1 Windows-1252, 65535 UTF-16), first line
convert users.fods csv 'csv:Text - txt - csv (StarCalc):44,34,76,1' && mv "$work/users.csv" "$out/libreoffice-utf8-comma.csv"
convert users.fods csv 'csv:Text - txt - csv (StarCalc):59,34,1,1' && mv "$work/users.csv" "$out/libreoffice-windows1252-semicolon.csv"
convert users.fods csv 'csv:Text - txt - csv (StarCalc):9,34,65535,1' && mv "$work/users.csv" "$out/libreoffice-utf16-tab.txt"
convert two-sheets.fods xlsx xlsx && mv "$work/two-sheets.xlsx" "$out/libreoffice-two-sheets.xlsx"
convert empty-first-sheet.fods xlsx xlsx && mv "$work/empty-first-sheet.xlsx" "$out/libreoffice-empty-first-sheet.xlsx"
convert blank-rows.csv xlsx xlsx 'CSV:44,34,76,1' && mv "$work/blank-rows.xlsx" "$out/libreoffice-blank-rows.xlsx"
# every column imported as text (format 2), so billing codes keep their zeros and a formula stays text
cp ../../resources/importusers/invites-bad-rows.csv "$work/invites-bad-rows.csv"
convert "$work/invites-bad-rows.csv" xlsx xlsx 'CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2' \
	&& mv "$work/invites-bad-rows.xlsx" "$out/libreoffice-invites-bad-rows.xlsx"
