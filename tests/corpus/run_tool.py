#!/usr/bin/env python3
"""Run competency-report on every corpus case and compare with manifest.toml.

    cargo build
    python3 tests/corpus/run_tool.py [--bin target/debug/competency-report] [case-name-substring ...]

A convenience for people, not the test suite's harness (that is Rust). Each case runs alone:
`run --input FILE --output TMP --json TMP/s.json --as-of 2017-09-30` (for "skipped", the file is
copied with valid_baseline.xlsx into an empty folder that is the input), under a 4 GiB address-space limit and a 120 s
timeout. Needs openpyxl for the report_text and skipped_sheets checks.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
ROOT = os.path.dirname(os.path.dirname(HERE))
MEM = 4 << 30
BASELINE: list = []


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEM, MEM))


def run(binary: str, inp: str, out: str):
    cmd = [binary, "run", "--input", inp, "--output", out, "--json", os.path.join(out, "s.json"),
           "--as-of", "2017-09-30"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120, preexec_fn=limit)
    data = None
    if os.path.exists(os.path.join(out, "s.json")):
        with open(os.path.join(out, "s.json"), encoding="utf-8") as f:
            data = json.load(f)
    return p, data


def report_cells(out: str):
    import openpyxl
    xs = [f for f in os.listdir(out) if f.endswith(".xlsx")]
    if not xs:
        return None
    wb = openpyxl.load_workbook(os.path.join(out, xs[0]))
    return [(ws.title, c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def check(case, p, data, out) -> list[str]:
    errs = []
    kind = case["expect"]
    if p.returncode != 0:
        errs.append(f"exit {p.returncode}: {p.stderr.strip()[-300:]}")
    if kind == "survives":
        return errs
    if data is None:
        return errs + ["no JSON written"]
    name = case["file"]
    mine = [x for x in data.get("problems", []) if os.path.basename(x.get("file") or "") == name]
    if kind == "refused":
        if data["partners"]:
            errs.append(f"partners from a refused file: {[x['partner_id'] for x in data['partners']]}")
        if len(mine) != 1 or mine[0].get("sheet") or mine[0].get("cell"):
            errs.append(f"want one file-level problem, got {mine}")
        elif "message_contains" in case and case["message_contains"].lower() not in mine[0]["message"].lower():
            errs.append(f"message {mine[0]['message']!r} lacks {case['message_contains']!r}")
        return errs
    if kind == "skipped":
        got = sorted((x["partner_id"], x["active_entitlements"], x["qualified_people"], x["level"])
                     for x in data["partners"])
        if got != BASELINE or data.get("problems"):
            errs.append(f"skipped file was read: partners {got}, problems {data.get('problems')}")
        return errs
    got = {x["partner_id"]: x for x in data["partners"]}
    want = {x["id"]: x for x in case.get("partners", [])}
    if set(got) != set(want):
        errs.append(f"partner ids: got {sorted(got)}, want {sorted(want)}")
    for pid, w in want.items():
        g = got.get(pid)
        if g:
            for k, gk in (("active_entitlements", "active_entitlements"), ("qualified_people", "qualified_people"),
                          ("level", "level"), ("name", "partner_name")):
                if k in w and w[k] != g.get(gk):
                    errs.append(f"{pid} {k}: got {g.get(gk)!r}, want {w[k]!r}")
    left = list(mine)
    for wp in case.get("problems", []):
        hit = next((x for x in left if x.get("sheet") == wp["sheet"]
                    and ("cell" not in wp or x.get("cell") == wp["cell"])
                    and wp.get("message_contains", "").lower() in x["message"].lower()), None)
        if hit is None:
            errs.append(f"missing problem {wp}")
        else:
            left.remove(hit)
    extra = [x for x in left if x.get("cell")]
    if extra and not case.get("extra_problems_ok"):
        errs.append("unexpected problems: " + "; ".join(f"{x.get('sheet')}!{x.get('cell')}: {x['message']}" for x in extra))
    if case.get("report_text") or case.get("skipped_sheets"):
        cells = report_cells(out) or []
        for s in case.get("report_text", []):
            if not any(v == s and t == "s" for _, v, t in cells):
                errs.append(f"report_text {s!r} not found as a string cell")
            if any(t == "f" and isinstance(v, str) and v.lstrip("=") == s.lstrip("=") for _, v, t in cells):
                errs.append(f"report_text {s!r} written as a formula")
        info = " ".join(str(v) for title, v, _ in cells if title.lower().startswith("run info"))
        for sh in case.get("skipped_sheets", []):
            if sh not in info:
                errs.append(f"skipped sheet {sh!r} not listed on Run info")
    return errs


def main() -> int:
    args = sys.argv[1:]
    binary = os.path.join(ROOT, "target", "debug", "competency-report")
    if "--bin" in args:
        i = args.index("--bin")
        binary = args[i + 1]
        del args[i:i + 2]
    global BASELINE
    with open(os.path.join(HERE, "manifest.toml"), "rb") as f:
        cases = tomllib.load(f)["case"]
    base = next(c for c in cases if c["file"] == "valid_baseline.xlsx")
    BASELINE = sorted((x["id"], x["active_entitlements"], x["qualified_people"], x["level"])
                      for x in base["partners"])
    fails = 0
    for case in cases:
        if args and not any(a in case["file"] for a in args):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            os.mkdir(out)
            src = os.path.join(FILES, case["file"])
            if case["expect"] == "skipped":
                inp = os.path.join(tmp, "in")
                os.mkdir(inp)
                shutil.copy(src, inp)
                shutil.copy(os.path.join(FILES, "valid_baseline.xlsx"), inp)
            else:
                inp = src
            try:
                p, data = run(binary, inp, out)
                errs = check(case, p, data, out)
            except subprocess.TimeoutExpired:
                errs = ["timed out (120 s)"]
        fails += bool(errs)
        print(f"{'ok  ' if not errs else 'FAIL'} {case['expect']:8} {case['file']}")
        for e in errs:
            print(f"       {e}")
    print(f"{len(cases) - fails if not args else '?'} passed, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
