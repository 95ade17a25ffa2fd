#!/usr/bin/env python3
"""Writes the hostile spreadsheets of issue 17 next to this script.

Each is the smallest file that once crashed silian or ate the machine; the
tests in tests/hostile.rs import them and expect a clear refusal. Run it again
only to change the files: `python3 tests/hostile/make.py`.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
# Style 1 is a date (number format 14, m/d/yyyy).
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"""
HEADERS = ["户主", "所在社区", "家庭住址", "走访日期"]


def strings(unique_count=None):
    count = unique_count if unique_count is not None else len(HEADERS)
    items = "".join(f"<si><t>{h}</t></si>" for h in HEADERS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(HEADERS)}" uniqueCount="{count}">{items}</sst>')


def header_row():
    cells = "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADERS)))
    return f'<row r="1">{cells}</row>'


def sheet(rows, padding=0):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData>' + header_row() + rows + (" " * padding) + '</sheetData></worksheet>')


def write(name, sheet_xml, shared=None):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/styles.xml", STYLES)
        z.writestr("xl/sharedStrings.xml", shared or strings())
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


def person_row(date_cell):
    return ('<row r="2"><c r="A2" t="inlineStr"><is><t>曾国藩</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>长安社区</t></is></c>'
            '<c r="C2" t="inlineStr"><is><t>幸福路1号</t></is></c>' + date_cell + '</row>')


write("date-minus-1e300.xlsx", sheet(person_row('<c r="D2" s="1"><v>-1e300</v></c>')))
write("date-minus-1e15.xlsx", sheet(person_row('<c r="D2" s="1"><v>-1e15</v></c>')))
write("cell-reference-overflow.xlsx",
      sheet('<row r="2"><c r="ZZZZZZZZZZZZ99999999999" t="inlineStr"><is><t>x</t></is></c></row>'))
write("cell-at-XFD1048576.xlsx",
      sheet('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'))
write("shared-strings-count.xlsx", sheet(""), strings(unique_count=99999999999999))
# 64 MB of spaces inside the sheet: about 64 KB compressed, a ratio near 1000.
write("zip-bomb.xlsx", sheet("", padding=64 << 20))
