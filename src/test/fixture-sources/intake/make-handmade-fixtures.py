#!/usr/bin/env python3
"""Writes the hand-made fixtures of src/test/resources/intake: workbooks with parts written byte by byte, for what
spreadsheet programs do not write but other generators and attackers do (inline strings, Strict OOXML, DTDs, zip
bombs, damaged parts). Run from this folder with python3; the tests read the committed outputs."""
import struct
import zipfile

OUT = '../../resources/intake/'
MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def sheet_xml(rows, head='', sheet_ns=MAIN):
    return (XML + head + '<worksheet xmlns="%s" xmlns:r="%s"><sheetData>%s</sheetData></worksheet>'
            % (sheet_ns, REL, rows))


def workbook(name, sheets, shared=None, styles=None, workbook_pr='', parts=None, strict=False, raw=None):
    """sheets: list of (name, sheet xml, state); shared: sharedStrings xml; parts: extra or replaced parts."""
    main_ns = 'http://purl.oclc.org/ooxml/spreadsheetml/main' if strict else MAIN
    rel_ns = 'http://purl.oclc.org/ooxml/officeDocument/relationships' if strict else \
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    files = {}
    overrides = ['<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
                 '.spreadsheetml.sheet.main+xml"/>']
    rels = []
    sheet_entries = []
    for i, (sheet_name, xml, state) in enumerate(sheets, 1):
        files['xl/worksheets/sheet%d.xml' % i] = xml
        overrides.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats'
                         '-officedocument.spreadsheetml.worksheet+xml"/>' % i)
        rels.append('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i, rel_ns, i))
        sheet_entries.append('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>'
                             % (sheet_name, i, (' state="%s"' % state) if state else '', i))
    if shared is not None:
        files['xl/sharedStrings.xml'] = shared
        overrides.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.spreadsheetml.sharedStrings+xml"/>')
        rels.append('<Relationship Id="rIdS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % rel_ns)
    if styles is not None:
        files['xl/styles.xml'] = styles
        overrides.append('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.spreadsheetml.styles+xml"/>')
        rels.append('<Relationship Id="rIdT" Type="%s/styles" Target="styles.xml"/>' % rel_ns)
    files['[Content_Types].xml'] = (XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
                                    '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                                    + ''.join(overrides) + '</Types>')
    files['_rels/.rels'] = (XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
                            '</Relationships>' % rel_ns)
    files['xl/_rels/workbook.xml.rels'] = (XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006'
                                           '/relationships">' + ''.join(rels) + '</Relationships>')
    files['xl/workbook.xml'] = (XML + '<workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>'
                                % (main_ns, rel_ns, workbook_pr, ''.join(sheet_entries)))
    files.update(parts or {})
    with zipfile.ZipFile(OUT + name, 'w', zipfile.ZIP_DEFLATED) as z:
        for path, content in files.items():
            z.writestr(path, content if isinstance(content, bytes) else content.encode('utf-8'))


def s(ref, index, style=None):
    return '<c r="%s"%s t="s"><v>%d</v></c>' % (ref, (' s="%d"' % style) if style is not None else '', index)


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def sst(*strings):
    return XML + '<sst xmlns="%s">%s</sst>' % (MAIN, ''.join('<si><t xml:space="preserve">%s</t></si>' % x
                                                              for x in strings))


def header_row(*names):
    return '<row r="1">' + ''.join(inline('%s1' % chr(65 + i), n) for i, n in enumerate(names)) + '</row>'


STYLES_1904 = (XML + '<styleSheet xmlns="%s"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
               '</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>'
               '</styleSheet>' % MAIN)

# Cell types other generators write: inline strings with rich runs, formula strings, booleans, errors, ISO dates,
# escaped control characters, phonetic guides, cells and rows without references, dates counted from 1904.
workbook('handmade-cell-types.xlsx', [('Data', sheet_xml(
    header_row('Email', 'Name', 'Flag', 'Error', 'Iso Date', 'Date 1904', 'Escaped', 'Phonetic')
    + '<row r="2"><c r="A2" t="inlineStr"><is><r><t>rich</t></r><r><rPr><b/></rPr><t>@acme.example</t></r></is></c>'
    '<c t="str"><f>"Ann"&amp;" Lee"</f><v>Ann Lee</v></c><c t="b"><v>1</v></c><c t="e"><f>NA()</f><v>#N/A</v></c>'
    '<c t="d"><v>2026-03-01T00:00:00</v></c><c s="1"><v>45351</v></c>'
    '<c t="inlineStr"><is><t>line_x000D_break _x005F_x0041_</t></is></c>' + s('H2', 0) + '</row>'
    '<row><c r="A3" t="inlineStr"><is><t>next@acme.example</t></is></c><c r="B3"><f>A3&amp;"x"</f></c>'
    '<c r="C3" t="b"><v>0</v></c><c r="F3" s="2"><v>45351.5</v></c></row>'), None)],
    shared=XML + '<sst xmlns="%s"><si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>' % MAIN,
    styles=STYLES_1904, workbook_pr='<workbookPr date1904="1"/>')

workbook('handmade-hidden-first-sheet.xlsx', [
    ('Lists', sheet_xml(header_row('Offices') + '<row r="2">' + inline('A2', 'Madrid') + '</row>'), 'hidden'),
    ('Staff', sheet_xml(header_row('Email', 'Nombre', 'Apellidos')
                        + '<row r="2">' + inline('A2', 'ana@acme.example') + inline('B2', 'Ana') + inline('C2', 'Ruiz')
                        + '</row>'), None)])

workbook('handmade-strict-ooxml.xlsx', [('Strict', sheet_xml(
    '<row r="1">' + s('A1', 0) + s('B1', 1) + '</row><row r="3">' + s('A3', 2) + s('B3', 3) + '</row>',
    sheet_ns='http://purl.oclc.org/ooxml/spreadsheetml/main'), None)],
    shared=sst('Email', 'First Name', 'strict@acme.example', 'Stella').replace(MAIN, 'http://purl.oclc.org/ooxml/'
                                                                                 'spreadsheetml/main'),
    strict=True)

# Excel writes the used range in <dimension>; a reader that sizes arrays from it can be made to allocate 17 billion
# cells. Columns styled to the last one (XFD) are ordinary too.
workbook('handmade-absurd-dimension.xlsx', [('Big', (XML + '<worksheet xmlns="%s"><dimension ref="A1:XFD1048576"/>'
                                                     '<cols><col min="1" max="16384" width="9"/></cols><sheetData>'
                                                     % MAIN + header_row('Email') + '<row r="1048576">'
                                                     + inline('A1048576', 'last@acme.example')
                                                     + '<c r="XFD1048576" s="0"/></row></sheetData></worksheet>'),
                                              None)])

workbook('handmade-row-beyond-sheet.xlsx', [('Sheet1', sheet_xml(
    header_row('Email') + '<row r="1048577">' + inline('A1048577', 'x@acme.example') + '</row>'), None)])

workbook('handmade-value-in-last-column.xlsx', [('Sheet1', sheet_xml(
    header_row('Email') + '<row r="2">' + inline('A2', 'x@acme.example') + inline('XFD2', 'far away') + '</row>'),
    None)])

workbook('handmade-bad-shared-string.xlsx', [('Sheet1', sheet_xml(
    '<row r="1">' + s('A1', 0) + '</row><row r="2">' + s('A2', 7) + '</row>'), None)], shared=sst('Email'))

workbook('handmade-duplicate-headers.xlsx', [('Sheet1', sheet_xml(
    header_row('Email', 'First Name', 'Last Name', 'Notes', 'Notes', 'E-mail')
    + '<row r="2">' + inline('A2', 'a@acme.example') + '</row>'), None)])

workbook('handmade-truncated-sheet.xlsx', [('Sheet1', sheet_xml(
    header_row('Email') + '<row r="2">' + inline('A2', 'a@acme.example') + '</row><row r="3"><c r="A3" t="inline')[:-30],
    None)])

bad_utf8 = sheet_xml(header_row('Email', 'Name') + '<row r="2">' + inline('A2', 'a@acme.example') + inline('B2', 'Ann')
                     + '</row><row r="3">' + inline('A3', 'b@acme.example') + inline('B3', 'RenXX') + '</row>').encode()
workbook('handmade-invalid-utf8.xlsx', [('Sheet1', bad_utf8.replace(b'RenXX', b'Ren\xe9e'), None)])

workbook('handmade-nul-byte.xlsx', [('Sheet1', sheet_xml(
    header_row('Email') + '<row r="2">' + inline('A2', 'a\x00@acme.example') + '</row>'), None)])

# A NUL character written as OOXML's escape, in a shared string and in an inline string: each rejects its row only,
# as PostgreSQL cannot store it. XML cannot carry a NUL even as a character reference: &#0; is damage.
workbook('handmade-nul-escape.xlsx', [('Sheet1', sheet_xml(
    '<row r="1">' + s('A1', 0) + s('B1', 1) + '</row>'
    '<row r="2">' + s('A2', 2) + s('B2', 3) + '</row>'
    '<row r="3">' + inline('A3', 'b_x0000_@acme.example') + s('B3', 4) + '</row>'
    '<row r="4">' + s('A4', 5) + s('B4', 4) + '</row>'), None)],
    shared=sst('Email', 'Name', 'a@acme.example', 'Ann_x0000_Lee', 'Bob', 'c@acme.example'))

workbook('handmade-nul-character-reference.xlsx', [('Sheet1', sheet_xml(
    header_row('Email') + '<row r="2">' + inline('A2', 'a&#0;@acme.example') + '</row>'), None)])

# XML attacks: each part a spreadsheet program writes without a DTD gets one.
XXE = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
workbook('handmade-xxe-sheet.xlsx', [('Sheet1', sheet_xml(
    header_row('Email') + '<row r="2">' + inline('A2', '&xxe;') + '</row>', XXE), None)])

LAUGHS = ('<!DOCTYPE sst [<!ENTITY lol "lol">' + ''.join(
    '<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1) if i > 1 else '&lol;') * 10) for i in range(1, 10)) + ']>\n')
workbook('handmade-billion-laughs.xlsx', [('Sheet1', sheet_xml('<row r="1">' + s('A1', 0) + '</row>'), None)],
         shared=XML + LAUGHS + '<sst xmlns="%s"><si><t>&lol9;</t></si></sst>' % MAIN)

workbook('handmade-xxe-workbook.xlsx', [('Sheet1', sheet_xml(header_row('Email')), None)], parts={
    'xl/workbook.xml': XML + '<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "http://attacker.invalid/x">]>\n'
    '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>'
    % (MAIN, REL)})

workbook('handmade-xxe-content-types.xlsx', [('Sheet1', sheet_xml(header_row('Email')), None)], parts={
    '[Content_Types].xml': XML + '<!DOCTYPE Types [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'})

# A classic bomb: 200 MiB of one byte deflates to about 200 KiB.
workbook('handmade-zip-bomb.xlsx', [('Sheet1', sheet_xml(header_row('Email') + ' ' * (200 * 1024 * 1024)), None)])

# The same kind of part with a central directory that lies: it declares 1 KiB for 50 MiB.
workbook('handmade-zip-bomb-lying-sizes.xlsx', [('Sheet1', sheet_xml(header_row('Email') + ' ' * (50 * 1024 * 1024)),
                                                 None)])
data = bytearray(open(OUT + 'handmade-zip-bomb-lying-sizes.xlsx', 'rb').read())
at = data.find(b'PK\x01\x02')
while at >= 0:
    name_length, = struct.unpack_from('<H', data, at + 28)
    if data[at + 46:at + 46 + name_length] == b'xl/worksheets/sheet1.xml':
        struct.pack_into('<I', data, at + 24, 1024)
    at = data.find(b'PK\x01\x02', at + 4)
open(OUT + 'handmade-zip-bomb-lying-sizes.xlsx', 'wb').write(data)

with zipfile.ZipFile(OUT + 'handmade-many-entries.zip', 'w', zipfile.ZIP_STORED) as z:
    for i in range(1500):
        z.writestr('f%d' % i, '')

with zipfile.ZipFile(OUT + 'handmade-archive.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('users.csv', 'Email\na@acme.example\n')
    z.writestr('more/users-2.csv', 'Email\nb@acme.example\n')

with zipfile.ZipFile(OUT + 'handmade-word-document.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               'content-types"/>')
    z.writestr('word/document.xml', XML + '<w:document xmlns:w="http://schemas.openxmlformats.org/'
               'wordprocessingml/2006/main"/>')

with zipfile.ZipFile(OUT + 'handmade-binary-workbook.xlsb', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               'content-types"/>')
    z.writestr('xl/workbook.bin', b'\x83\x01\x00')
