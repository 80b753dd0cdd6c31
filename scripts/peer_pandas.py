#!/usr/bin/env python3
"""The pandas peer of `competency-report run`, for scripts/bench.sh.

    peer_pandas.py [--designation] INPUT_DIR OUTPUT.xlsx

What a partner-operations analyst would write in pandas to do the same monthly
job on the same inputs: read every workbook with python-calamine
(`pd.read_excel(engine="calamine")`), find each sheet's header row and map its
English or German column names, type the columns, evaluate every partner and
write an Excel report with XlsxWriter (`DataFrame.to_excel`): a Summary sheet
(one row per partner), a Customers sheet (every input row with whether it
counted, the partner's workload total, whether it is in the figure and why
not: the tool's 18 columns) and a People sheet.

The competency (default): active users of paid rows on counted workloads
under a counting association, the larger of a customer's repeated
workload rows, summed per workload, the best workload against the Silver and
Gold thresholds (by market), and the people holding the qualifying
credentials. With `--designation` (Solutions Partner for Modern Work): the
rows of the snapshot nearest the as-of date and of the one a year before,
each customer's path by its largest workload's seats, net customer adds,
usage growth, deployments (active over qualified licences) and the
certified people, scored to 100 points.

It is a peer for timing, not a second implementation: it does the same
reading, grouping and writing, and the core arithmetic, but not every rule
of the tool (problems with locations, routes, the Dashboard and Next Steps
sheets). Needs pandas, python-calamine and xlsxwriter (install them into a
virtual environment outside the repository).
"""

import sys
from pathlib import Path

import pandas as pd

ALIASES = {
    "partner_id": ["Partner ID", "Partner-ID", "MPN ID", "MPNId", "PartnerID"],
    "partner_name": ["Partner Name", "Partnername", "PartnerName"],
    "customer_id": ["Customer ID", "Kunden-ID", "customerTenantId"],
    "customer_name": ["Customer Name", "Kundenname", "customerName"],
    "workload": ["Workload", "Arbeitslast", "workloadName"],
    "active_users": ["Active Users", "Aktive Benutzer", "licensesActive"],
    "qualified": ["Qualified Licences", "Qualifizierte Lizenzen", "licensesQualified"],
    "sku": ["SKU Type", "SKU-Typ"],
    "association": ["Association", "Zuordnung"],
    "country": ["Country", "Land"],
    "market": ["Market", "Markt"],
    "since": ["Customer Since", "Kunde seit"],
    "snapshot": ["Snapshot Date", "Stichtag", "processedDateTime"],
    "person_id": ["Person ID", "Personen-ID"],
    "person_name": ["Person Name", "Name"],
    "credential": ["Credential", "Prüfung"],
    "passed": ["Date Passed", "Bestanden am"],
    "email": ["Contact Email"],
}
HEADER = {alias.lower(): field for field, names in ALIASES.items() for alias in names}

COUNTED_WORKLOADS = {
    "Exchange Online", "SharePoint Online", "Skype for Business", "Yammer", "Office 365 ProPlus",
}
ELIGIBLE_WORKLOADS = {
    "Exchange Online", "SharePoint Online", "Microsoft Teams", "Teams Phone", "Viva Engage",
    "Yammer", "Microsoft 365 Apps", "Office 365 ProPlus", "Microsoft Intune", "Intune",
    "Microsoft 365 Copilot",
}
NOT_COUNTING = {"None", "Keine", "Reseller", "Wiederverkäufer"}
PAID = {"Paid", "Kostenpflichtig"}
EMERGING = {"India", "Indien", "Nigeria", "Kenya", "Kenia", "Viet Nam", "Vietnam"}
EXAMS = {
    "Exam 70-346: Managing Office 365 Identities and Requirements": "a",
    "Exam 70-347: Enabling Office 365 Services": "b",
    "MCSA: Office 365": "m",
}
INTERMEDIATE = ("MD-102", "MS-700", "MS-721", "Associate")
ADVANCED = ("MS-102", "Expert")


def read_inputs(folder):
    """Every sheet of every workbook, typed by its header: customers,
    transcripts and partners frames."""
    kinds = {"customers": [], "transcripts": [], "partners": []}
    for path in sorted(Path(folder).rglob("*.xlsx")):
        if path.name.startswith("~$") or path.name.startswith("competency-report-"):
            continue
        for sheet, raw in pd.read_excel(path, sheet_name=None, header=None, engine="calamine").items():
            header = None
            for i in range(min(len(raw), 10)):
                names = [str(v).strip().lower() for v in raw.iloc[i]]
                if any(HEADER.get(n) == "partner_id" for n in names):
                    header = i
                    break
            if header is None:
                continue
            columns = [HEADER.get(str(v).strip().lower(), f"x{j}") for j, v in enumerate(raw.iloc[header])]
            frame = raw.iloc[header + 1:].copy()
            frame.columns = columns
            frame["file"] = path.name
            frame["sheet"] = sheet
            frame["row"] = range(header + 2, header + 2 + len(frame))
            if "workload" in frame:
                kinds["customers"].append(frame)
            elif "credential" in frame:
                kinds["transcripts"].append(frame)
            else:
                kinds["partners"].append(frame)
    return {k: pd.concat(v, ignore_index=True) if v else pd.DataFrame() for k, v in kinds.items()}


def partner_ids(column):
    """Partner ids as text, whether the cell held a number or text."""
    return column.map(lambda v: str(int(v)) if isinstance(v, float) else str(v).strip())


def evaluate_competency(c, t, p):
    """Each row's outcome and each partner's figure and level."""
    c["users"] = pd.to_numeric(c["active_users"], errors="coerce")
    bad = c["users"].isna() | (c["users"] < 0) | c["association"].isin({"Reseller", "Wiederverkäufer"})
    c["reason"] = ""
    c.loc[~c["workload"].isin(COUNTED_WORKLOADS), "reason"] = "the workload is not one the rules count"
    c.loc[~c["sku"].isin(PAID), "reason"] = "a trial or free subscription"
    c.loc[c["association"].isin(NOT_COUNTING), "reason"] = "no association that counts"
    c.loc[bad, "reason"] = "the row has a problem"
    c["counted"] = c["reason"] == ""
    counted = c[c["counted"]]
    best = counted.groupby(["partner_id", "customer_id", "workload"])["users"].max().reset_index()
    per_workload = best.groupby(["partner_id", "workload"])["users"].sum().reset_index()
    c = c.merge(per_workload.rename(columns={"users": "workload_total"}), on=["partner_id", "workload"], how="left")
    c.loc[~c["counted"], "workload_total"] = None
    top = per_workload.sort_values("users", ascending=False).drop_duplicates("partner_id")
    t["k"] = t["credential"].map(EXAMS)
    held = t.dropna(subset=["k"]).groupby(["partner_id", "person_id"])["k"].agg(lambda s: set(s))
    qualified = held.map(lambda s: ("a" in s and "b" in s) or "m" in s).groupby("partner_id").sum()
    summary = p[["partner_id", "partner_name", "country", "market"]].drop_duplicates("partner_id")
    summary = summary.merge(top, on="partner_id", how="left").rename(columns={"users": "entitlements"})
    summary["qualified_people"] = summary["partner_id"].map(qualified).fillna(0).astype(int)
    emerging = summary["market"].eq("Emerging") | (summary["market"].isna() & summary["country"].isin(EMERGING))
    silver = emerging.map({True: 1000, False: 2000})
    e = summary["entitlements"].fillna(0)
    summary["level"] = "None"
    summary.loc[(e >= silver) & (summary["qualified_people"] >= 1), "level"] = "Silver"
    summary.loc[(e >= 4000) & (summary["qualified_people"] >= 2), "level"] = "Gold"
    c["in_figure"] = c["counted"] & (c["workload_total"].notna())
    return c, summary


def evaluate_designation(c, t, p, as_of):
    """Each partner's five metrics and score on its better path."""
    c["users"] = pd.to_numeric(c["active_users"], errors="coerce")
    c["licences"] = pd.to_numeric(c["qualified"], errors="coerce")
    c["snap"] = pd.to_datetime(c["snapshot"], errors="coerce")
    c["since_d"] = pd.to_datetime(c["since"], errors="coerce")
    now = c["snap"].max()
    before = c.loc[c["snap"] <= now - pd.Timedelta(days=300), "snap"].max()
    c["reason"] = ""
    c.loc[~c["workload"].isin(ELIGIBLE_WORKLOADS), "reason"] = "the workload is not eligible"
    c.loc[~c["sku"].isin(PAID), "reason"] = "a trial or free subscription"
    c.loc[c["association"].isin(NOT_COUNTING | {"DAP", "Delegated Administrator"}), "reason"] = "no association that counts"
    c.loc[c["users"].isna() | (c["users"] < 0), "reason"] = "the row has a problem"
    c["counted"] = c["reason"] == ""
    ok = c[c["counted"]]
    cur, old = ok[ok["snap"] == now], ok[ok["snap"] == before]
    seats = cur.groupby(["partner_id", "customer_id"])["licences"].max()
    path = seats.map(lambda s: "Enterprise" if s > 300 else ("SMB" if s > 10 else None)).rename("path")
    cur = cur.join(path, on=["partner_id", "customer_id"])
    new = cur[cur["since_d"] >= pd.Timestamp(as_of) - pd.DateOffset(years=1)]
    adds = new.groupby(["partner_id", "path"])["customer_id"].nunique()
    gone = set(map(tuple, old[["partner_id", "customer_id"]].values)) - set(map(tuple, cur[["partner_id", "customer_id"]].values))
    lost = pd.Series([g[0] for g in gone], dtype=object).value_counts()
    usage = cur.groupby(["partner_id", "path"])["users"].sum() - old.groupby("partner_id")["users"].sum().reindex(
        cur.groupby(["partner_id", "path"])["users"].sum().index.get_level_values(0)).values
    deployed = cur[cur["users"] >= 0.4 * cur["licences"]].groupby(["partner_id", "path"])["customer_id"].nunique()
    c = c.merge(cur.groupby(["partner_id", "workload"])["users"].sum().rename("workload_total").reset_index(),
                on=["partner_id", "workload"], how="left")
    c["in_figure"] = c["counted"] & (c["snap"] == now)
    t["passed_d"] = pd.to_datetime(t["passed"], errors="coerce")
    t = t[t["passed_d"] <= pd.Timestamp(as_of)]
    inter = t[t["credential"].str.contains("|".join(INTERMEDIATE), na=False)].groupby("partner_id")["person_id"].nunique()
    adv = t[t["credential"].str.contains("|".join(ADVANCED), na=False)].groupby("partner_id")["person_id"].nunique()
    rows = []
    for pid in p["partner_id"].drop_duplicates():
        best = None
        for name, th in (("Enterprise", (5, 4, 2, 1000, 5)), ("SMB", (10, 2, 1, 500, 5))):
            a = adds.get((pid, name), 0) - lost.get(pid, 0)
            u = usage.get((pid, name), 0)
            d = deployed.get((pid, name), 0)
            figures = (a, inter.get(pid, 0), adv.get(pid, 0), u, d)
            weights = (20, 10, 15, 30, 25)
            points = [max(0.0, min(w, w * f / th_)) for w, f, th_ in zip(weights, figures, th)]
            score = sum(points)
            if best is None or score > best[1]:
                best = (name, score, figures, min(points) >= 1)
        rows.append((pid, best[0], best[1], *best[2], "Qualified" if best[1] >= 70 and best[3] else "Not qualified"))
    summary = pd.DataFrame(rows, columns=["partner_id", "path", "score", "net_adds", "intermediate", "advanced",
                                          "usage_growth", "deployments", "level"])
    names = p[["partner_id", "partner_name", "country"]].drop_duplicates("partner_id")
    return c, summary.merge(names, on="partner_id", how="left")


# Data rows on one sheet: Excel's 1,048,576 rows less the header.
MAX_ROWS = 1_048_575


def main(argv):
    designation = "--designation" in argv
    args = [a for a in argv if not a.startswith("--")]
    folder, out = args[0], args[1]
    frames = read_inputs(folder)
    c, t, p = frames["customers"], frames["transcripts"], frames["partners"]
    for frame in (c, t, p):
        if len(frame):
            frame["partner_id"] = partner_ids(frame["partner_id"])
    if designation:
        c, summary = evaluate_designation(c, t, p, "2026-09-30")
    else:
        c, summary = evaluate_competency(c, t, p)
    c = c.sort_values(["partner_id", "file", "row"], kind="stable")
    yes_no = {True: "Yes", False: "No"}
    customers = pd.DataFrame({
        "File": c["file"], "Sheet": c["sheet"], "Row": c["row"], "Partner ID": c["partner_id"],
        "Partner Name": c.get("partner_name"), "Customer ID": c.get("customer_id"),
        "Customer Name": c.get("customer_name"), "Workload": c["workload"], "Product": None,
        "Active Users": c["users"], "Qualified Licences": c.get("qualified"), "SKU": c.get("sku"),
        "Association": c.get("association"), "Snapshot": c.get("snapshot"),
        "Counted": c["counted"].map(yes_no), "Workload Total": c["workload_total"],
        "In Figure": c["in_figure"].map(yes_no), "Not Counted Because": c["reason"],
    })
    people = t.groupby(["partner_id", "person_id", "person_name"], dropna=False)["credential"].agg(
        lambda s: "; ".join(sorted(set(map(str, s))))).reset_index()
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        summary.to_excel(writer, sheet_name="Summary", index=False)
        # Past Excel's row limit the rows go on "Customers (2)"..., as the tool pages them.
        for page, start in enumerate(range(0, max(len(customers), 1), MAX_ROWS)):
            name = "Customers" if page == 0 else f"Customers ({page + 1})"
            customers.iloc[start:start + MAX_ROWS].to_excel(writer, sheet_name=name, index=False)
        people.to_excel(writer, sheet_name="People", index=False)
    print(f"customers {len(customers)} partners {len(summary)} people {len(people)}")


if __name__ == "__main__":
    main(sys.argv[1:])
