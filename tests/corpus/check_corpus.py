#!/usr/bin/env python3
"""Check the corpus against its manifest with an independent reading (not the tool).

    python3 -m pip install -r tests/corpus/requirements.txt
    python3 tests/corpus/check_corpus.py

For every case in manifest.toml:
  read     - the file opens with python-calamine (the same calamine crate the tool uses; openpyxl
             for the one file whose dense range would abort calamine) and a small reference
             evaluator written from the rules in README.md computes the partners, the cell
             problems, the skipped sheets and the credential dates, which must equal the manifest.
  refused  - opening and reading every sheet fails in a child process, or, for the bombs, the
             declared sizes / uniqueCount prove the file must be refused before it is opened.
  skipped  - the file name marks it as a lock file (~$) or a hidden file (.).
  survives - only reported.
This keeps the manifest honest: a planted problem at the wrong cell or a wrong total fails here.
Text exports (.csv, .tsv and the folders holding them) are not spreadsheets python-calamine
reads: they are listed as skipped here and checked by the Rust harness (tests/corpus.rs) and
the reader's own unit tests.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import tomllib
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")

BOMB_LIMIT = 512 << 20  # declared inflated size above which the reference refuses (per entry)

CUSTOMER_ALIASES = {
    "partnerid": "partner_id", "partnername": "partner_name", "customerid": "customer_id",
    "kundenid": "customer_id", "customername": "customer_name", "workload": "workload",
    "arbeitslast": "workload", "activeusers": "active_users", "aktivebenutzer": "active_users",
    "skutype": "sku", "association": "association",
}
TRANSCRIPT_ALIASES = {
    "partnerid": "partner_id", "personid": "person_id", "personname": "person_name",
    "credential": "credential", "datepassed": "date_passed",
}
CUSTOMER_REQUIRED = {"partner_id", "customer_id", "workload", "active_users", "sku", "association"}
TRANSCRIPT_REQUIRED = {"partner_id", "person_id", "credential"}
COUNTED = {"exchangeonline", "sharepointonline", "skypeforbusiness", "yammer", "office365proplus"}
SKU = {"paid": True, "kostenpflichtig": True, "trial": False, "testversion": False}
ASSOC = {"dap": True, "transactingpartner": True, "dpor": True, "fasttrackpartner": True,
         "none": False, "keine": False}
TOTAL_WORDS = {"total", "summe", "gesamt", "grandtotal"}


def norm(s) -> str:
    return "".join(ch for ch in str(s).lower() if ch.isalnum())


def col_letter(c: int) -> str:  # 0-based
    c += 1
    s = ""
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def a1(r: int, c: int) -> str:  # 0-based
    return f"{col_letter(c)}{r + 1}"


# --------------------------------------------------------------------------- reading

def without_macro_sheets(path: str) -> io.BytesIO:
    """The zip with its Excel 4.0 macro sheets relabelled as dialog sheets, which calamine lists
    without reading (it refuses a workbook with a macro sheet outright); written here on its own,
    not taken from the tool."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/_rels/") and info.filename.endswith(".rels"):
                text = data.decode("utf-8")
                text = text.replace("/xlMacrosheet", "/dialogsheet").replace("macrosheets/", "dialogsheets/")
                data = text.encode("utf-8")
            zout.writestr(info, data)
    out.seek(0)
    return out


def read_with_calamine(path: str):
    import python_calamine as pc
    try:
        wb = pc.CalamineWorkbook.from_path(path)
    except Exception as e:  # noqa: BLE001 - python-calamine raises its own error type
        if "macrosheets/" not in str(e):
            raise
        wb = pc.CalamineWorkbook.from_filelike(without_macro_sheets(path))
    out = []
    for meta in wb.sheets_metadata:
        visible = str(meta.visible).endswith("Visible") and not str(meta.visible).endswith("Hidden")
        # A macro (or dialog, or chart) sheet is skipped like a hidden one.
        if not str(meta.typ).endswith("WorkSheet"):
            out.append((meta.name, False, {}, []))
            continue
        sh = wb.get_sheet_by_name(meta.name)
        cells = {}
        r0, c0 = sh.start or (0, 0)
        for i, row in enumerate(sh.to_python(skip_empty_area=False)):
            for j, v in enumerate(row):
                if v != "" and v is not None:
                    cells[(r0 + i, c0 + j)] = v
        merges = list(sh.merged_cell_ranges or [])
        out.append((meta.name, visible, cells, merges))
    return out


def read_with_openpyxl(path: str):
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True)
    out = []
    for ws in wb.worksheets:
        cells = {}
        for (r, c), cell in ws._cells.items():
            if cell.value is not None and cell.value != "":
                v = cell.value
                if isinstance(v, dt.datetime):
                    v = v.date()
                cells[(r - 1, c - 1)] = v
        merges = [((m.min_row - 1, m.min_col - 1), (m.max_row - 1, m.max_col - 1))
                  for m in ws.merged_cells.ranges]
        out.append((ws.title, ws.sheet_state == "visible", cells, merges))
    return out


# --------------------------------------------------------------------------- reference evaluator

class Eval:
    def __init__(self) -> None:
        self.problems: list[dict] = []          # {sheet, cell?, message}
        self.skipped_sheets: list[str] = []
        self.rows: list[dict] = []              # customer rows
        self.creds: list[dict] = []             # credential rows
        self.names: dict[str, str] = {}

    def problem(self, sheet, r, c, msg):
        d = {"sheet": sheet, "message": msg}
        if r is not None:
            d["cell"] = a1(r, c)
        self.problems.append(d)

    # values
    @staticmethod
    def text(v) -> str:
        if isinstance(v, float) and v == int(v):
            return str(int(v))
        return str(v).strip() if v is not None else ""

    def partner_id(self, v):
        if isinstance(v, bool):
            return None
        if isinstance(v, (int, float)):
            return str(int(v)) if v == int(v) and v > 0 else None
        s = re.sub(r"[\s\u00a0\u202f]", "", str(v))
        if re.fullmatch(r"\d+", s) and int(s) > 0:
            return str(int(s))
        return None

    @staticmethod
    def active_users(v):
        if isinstance(v, bool) or v is None or v == "":
            return None
        if isinstance(v, (int, float)):
            if v != v or v < 0 or v != int(v) or v > 2 ** 53:
                return None
            return int(v)
        s = str(v).strip()
        for pat, sep in ((r"\d+", ""), (r"\d{1,3}(,\d{3})+", ","), (r"\d{1,3}(\.\d{3})+", "."),
                         (r"\d{1,3}([ \u00a0\u202f]\d{3})+", None)):
            if re.fullmatch(pat, s):
                return int(re.sub(r"\D", "", s))
        return None

    @staticmethod
    def date(v, wb_1904=False):
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
        s = str(v).strip()
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(s, fmt).date()
            except ValueError:
                pass
        return None

    def sheet(self, name, visible, cells, merges):
        if not visible:
            self.skipped_sheets.append(name)
            return
        # merged ranges: the top-left value stands for the whole range
        filled = dict(cells)
        for (r1, c1), (r2, c2) in merges:
            v = cells.get((r1, c1))
            if v is None:
                continue
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    filled.setdefault((r, c), v)
        rows = sorted({r for r, _ in filled})
        for r in rows[:50]:
            hdr = {}
            for (rr, c), v in sorted(filled.items()):
                if rr == r and isinstance(v, str):
                    hdr.setdefault(norm(v), c)
            for aliases, required, kind in ((CUSTOMER_ALIASES, CUSTOMER_REQUIRED, "c"),
                                            (TRANSCRIPT_ALIASES, TRANSCRIPT_REQUIRED, "t")):
                cols = {}
                for key, c in sorted(hdr.items(), key=lambda x: x[1]):
                    if key in aliases and aliases[key] not in cols:
                        cols[aliases[key]] = c
                if required <= set(cols):
                    # a header row is the last row of a (possibly merged) header block
                    if any((r + 1, c) in filled and isinstance(filled[(r + 1, c)], str)
                           and norm(filled[(r + 1, c)]) in aliases for c in cols.values()):
                        continue
                    self.table(name, kind, r, cols, cells)
                    return

    def table(self, sheet, kind, hr, cols, cells):
        last = max(r for r, _ in cells)
        for r in range(hr + 1, last + 1):
            vals = {k: cells.get((r, c)) for k, c in cols.items()}
            if all(v is None for v in vals.values()):
                continue
            pid_raw = vals.get("partner_id")
            if isinstance(pid_raw, str) and norm(pid_raw) in TOTAL_WORDS:
                continue
            pid = self.partner_id(pid_raw) if pid_raw is not None else None
            if pid is None:
                self.problem(sheet, r, cols["partner_id"], f"partner id {pid_raw!r}")
                continue
            if kind == "c":
                au = self.active_users(vals["active_users"])
                if au is None:
                    self.problem(sheet, r, cols["active_users"], f"active users {vals['active_users']!r}")
                    continue
                sku = SKU.get(norm(vals["sku"] or ""))
                assoc = ASSOC.get(norm(vals["association"] or ""))
                if sku is None:
                    self.problem(sheet, r, cols["sku"], "sku")
                    continue
                if assoc is None:
                    self.problem(sheet, r, cols["association"], "association")
                    continue
                if "partner_name" in cols and vals.get("partner_name") is not None:
                    self.names.setdefault(pid, str(vals["partner_name"]))
                self.rows.append(dict(pid=pid, customer=self.text(vals["customer_id"]),
                                      workload=norm(vals["workload"] or ""), users=au,
                                      eligible=sku and assoc))
            else:
                d = None
                if vals.get("date_passed") is not None:
                    d = self.date(vals["date_passed"])
                    if d is None:
                        self.problem(sheet, r, cols["date_passed"], f"date {vals['date_passed']!r}")
                self.creds.append(dict(pid=pid, person=self.text(vals["person_id"]).lower(),
                                       credential=self.text(vals["credential"]), date=d))

    def partners(self):
        ids = sorted({x["pid"] for x in self.rows} | {x["pid"] for x in self.creds}, key=int)
        out = []
        # a person counts for one partner only: the latest pass, on a tie the lowest partner id
        latest: dict[str, dict[str, dt.date]] = {}
        for c in self.creds:
            d = c["date"] or dt.date.min
            per = latest.setdefault(c["person"], {})
            per[c["pid"]] = max(per.get(c["pid"], dt.date.min), d)
        owner = {}
        for person, per in latest.items():
            owner[person] = sorted(per, key=lambda p: (-per[p].toordinal(), int(p)))[0]
            if len(per) > 1:
                self.problems.append({"sheet": "Transcripts", "message": f"{person} is listed under more than one partner"})
        for pid in ids:
            per_workload: dict[str, int] = {}
            per_customer: dict[str, dict[str, int]] = {}
            for x in self.rows:
                if x["pid"] == pid and x["eligible"] and x["workload"] in COUNTED:
                    per_workload[x["workload"]] = per_workload.get(x["workload"], 0) + x["users"]
                    cw = per_customer.setdefault(x["customer"], {})
                    cw[x["workload"]] = cw.get(x["workload"], 0) + x["users"]
            ent = max(per_workload.values(), default=0)
            ent2 = sum(max(cw.values()) for cw in per_customer.values())
            assert ent == ent2, f"corpus ambiguity: partner {pid} best-workload {ent} != per-customer {ent2}"
            people: dict[str, set] = {}
            for c in self.creds:
                if c["pid"] == pid and owner[c["person"]] == pid:
                    cr = c["credential"]
                    tags = people.setdefault(c["person"], set())
                    if "70-346" in cr:
                        tags.add("346")
                    if "70-347" in cr:
                        tags.add("347")
                    if norm(cr) == norm("MCSA: Office 365"):
                        tags.add("mcsa")
            q = sum(1 for t in people.values() if "mcsa" in t or {"346", "347"} <= t)
            level = "gold" if ent >= 4000 and q >= 2 else "silver" if ent >= 2000 and q >= 1 else "none"
            out.append({"id": pid, "active_entitlements": ent, "qualified_people": q, "level": level,
                        "name": self.names.get(pid)})
        return out


# --------------------------------------------------------------------------- checks

def refused_reason(path: str) -> str | None:
    """Why the reference refuses without opening, or None."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None
    for info in zf.infolist():
        if info.file_size > BOMB_LIMIT:
            return f"{info.filename} declares {info.file_size} bytes: too large"
        if info.filename.endswith("sharedStrings.xml"):
            try:
                with zf.open(info) as f:
                    head = f.read(min(4096, info.file_size)).decode("utf-8", "replace")
            except (zipfile.BadZipFile, OSError, EOFError):
                continue
            m = re.search(r'uniqueCount="(\d+)"', head)
            if m and int(m.group(1)) * 7 > info.file_size:
                return f"uniqueCount {m.group(1)} cannot fit in {info.file_size} bytes: too large"
    return None


CHILD = r"""
import sys, resource
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
import python_calamine as pc
wb = pc.CalamineWorkbook.from_path(sys.argv[1])
if not wb.sheet_names:
    sys.exit("a workbook without sheets")
for n in wb.sheet_names:
    wb.get_sheet_by_name(n).to_python()
print("OPENED")
"""


def check_refused(case) -> list[str]:
    path = os.path.join(FILES, case["file"])
    reason = refused_reason(path)
    if reason:
        return []
    p = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True, timeout=120)
    if "OPENED" in p.stdout:
        return ["python-calamine opened and read it, but the manifest says refused"]
    return []  # the message wording is the tool's, not calamine's: tests/corpus.rs checks it


def check_read(case) -> list[str]:
    path = os.path.join(FILES, case["file"])
    if refused_reason(path):
        return ["the reference refuses this file before opening it"]
    reader = read_with_openpyxl if case["file"] == "far_cell_xfd1048576.xlsx" else read_with_calamine
    e = Eval()
    sheets = reader(path)
    for sheet in sheets:
        e.sheet(*sheet)
    if all(not cells for _, _, cells, _ in sheets):
        # Nothing to read in the whole workbook: a problem about the file.
        e.problems.append({"sheet": "", "message": "the workbook is empty"})
    errs = []
    got = e.partners()
    want = case.get("partners", [])
    got_by = {p["id"]: p for p in got}
    want_by = {p["id"]: p for p in want}
    if set(got_by) != set(want_by):
        errs.append(f"partner ids: got {sorted(got_by)}, manifest {sorted(want_by)}")
    for pid, w in want_by.items():
        g = got_by.get(pid)
        if not g:
            continue
        for k in ("active_entitlements", "qualified_people", "level", "name"):
            if k in w and w[k] != g[k]:
                errs.append(f"{pid} {k}: got {g[k]!r}, manifest {w[k]!r}")
    # problems
    mine = list(e.problems)
    for wp in case.get("problems", []):
        # sheet and cell only: message wording is the tool's (python-calamine also turns
        # error cells such as #DIV/0! into empty strings, so values can't be compared here)
        hit = next((p for p in mine if p["sheet"] == wp["sheet"] and p.get("cell") == wp.get("cell")), None)
        if hit is None:
            errs.append(f"manifest problem {wp} not produced by the reference")
        else:
            mine.remove(hit)
    extra = [p for p in mine if "cell" in p]
    if extra and not case.get("extra_problems_ok"):
        errs.append(f"reference finds unlisted cell problems: {extra}")
    if sorted(case.get("skipped_sheets", [])) != sorted(e.skipped_sheets):
        errs.append(f"skipped sheets: got {e.skipped_sheets}, manifest {case.get('skipped_sheets', [])}")
    for d in case.get("dates_passed", []):
        hits = [c for c in e.creds if c["person"] == d["person_id"].lower()
                and d["credential_contains"] in c["credential"]]
        if not hits or any(c["date"] != dt.date.fromisoformat(d["date"]) for c in hits):
            errs.append(f"date {d}: got {[str(c['date']) for c in hits]}")
    for s in case.get("report_text", []):
        if not any(isinstance(v, str) and v == s for _, _, cells, _ in reader(path) for v in cells.values()):
            errs.append(f"report_text {s!r} is not a text cell of the input")
    return errs


def is_text_case(name: str) -> bool:
    """A text export, or a folder of them: not a workbook python-calamine reads."""
    path = os.path.join(FILES, name)
    if os.path.isdir(path):
        return True
    with open(path, "rb") as f:
        head = f.read(4)
    return name.lower().endswith((".csv", ".tsv")) and head[:2] != b"PK"


def main() -> int:
    with open(os.path.join(HERE, "manifest.toml"), "rb") as f:
        manifest = tomllib.load(f)
    listed = {c["file"] for c in manifest["case"]}
    present = set(os.listdir(FILES))
    failures = 0
    if listed != present:
        print(f"FAIL files/ and manifest differ: {sorted(listed ^ present)}")
        failures += 1
    for case in manifest["case"]:
        kind = case["expect"]
        if is_text_case(case["file"]):
            print(f"skip {kind:8} {case['file']} (a text export: checked by tests/corpus.rs)")
            continue
        if kind == "read":
            errs = check_read(case)
        elif kind == "refused":
            errs = check_refused(case)
        elif kind == "skipped":
            errs = [] if case["file"].startswith((".", "~$")) else ["not a lock or hidden file name"]
        elif kind == "survives":
            errs = []
        else:
            errs = [f"unknown expect {kind!r}"]
        status = "ok  " if not errs else "FAIL"
        failures += bool(errs)
        print(f"{status} {kind:8} {case['file']}")
        for e in errs:
            print(f"       {e}")
    total = sum(os.path.getsize(os.path.join(root, f)) for root, _, fs in os.walk(FILES) for f in fs)
    print(f"{len(manifest['case']) - failures} passed, {failures} failed")
    print(f"corpus size: {total / 1e6:.2f} MB in {len(present)} files")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
