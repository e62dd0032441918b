#!/usr/bin/env python3
"""Writes the bundled SYNTHETIC publication data (teaching and tests, not bibliometric facts).

    python3 scripts/gen-publications.py   # writes datasets/demo-publications.csv, datasets/demo-papers.csv

demo-publications.csv: organisation x research subject group (3-digit, datasets/research/
fields.csv) x year 2013-2023, with publications and citations (counts).
demo-papers.csv: one row per publication and organisation, 2016-2021, with its citations and
the organisation's fractional weight (a paper shared by two organisations has 0.5 at each).

Deterministic: Python's `random.Random(seed)` (its stream for a given seed is stable across
Python 3 versions), values rounded before they are written; re-running gives byte-identical
files. Organisation codes are real universities' abbreviations, but every number is made up:
the profiles are plausible (Linnaeus University strong in environmental science, biology,
forest-based materials and e-health; SLU in agriculture and forestry), nothing more.
"""
import math
import os
import random

SEED = 2031
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "datasets")
YEARS = list(range(2013, 2024))
PAPER_YEARS = list(range(2016, 2022))

FIELDS = []
with open(os.path.join(ROOT, "research", "fields.csv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or line.startswith("code,"):
            continue
        code = line.split(",")[0]
        if len(code) == 3:
            FIELDS.append(code)

# code, name, size (publications a year), fields it is strong in (x factor), citation quality
ORGS = [
    ("LNU", "Linnéuniversitetet", 900, {"105": 2.2, "106": 1.8, "203": 1.6, "205": 1.7, "401": 1.5, "102": 1.4, "303": 1.6, "502": 1.3, "602": 1.5, "507": 1.4}, 0.95),
    ("MIUN", "Mittuniversitetet", 500, {"204": 2.5, "205": 2.0, "203": 1.8, "303": 1.5, "202": 1.4, "507": 1.6}, 0.9),
    ("KAU", "Karlstads universitet", 550, {"204": 1.6, "502": 1.8, "503": 1.7, "103": 1.3}, 0.9),
    ("UMU", "Umeå universitet", 2600, {"302": 1.4, "301": 1.3, "106": 1.2, "105": 1.2}, 1.05),
    ("LU", "Lunds universitet", 6500, {"302": 1.2, "103": 1.3, "104": 1.2}, 1.15),
    ("UU", "Uppsala universitet", 6000, {"301": 1.3, "104": 1.2, "103": 1.2, "106": 1.1}, 1.15),
    ("KTH", "Kungliga Tekniska högskolan", 4200, {"201": 2.0, "202": 2.2, "203": 2.0, "205": 1.8, "102": 1.8, "210": 2.0, "211": 1.7}, 1.1),
    ("GU", "Göteborgs universitet", 4800, {"302": 1.3, "501": 1.3, "602": 1.2, "106": 1.1}, 1.05),
    ("LIU", "Linköpings universitet", 3600, {"102": 1.6, "202": 1.5, "205": 1.6, "302": 1.1, "303": 1.2}, 1.05),
    ("SLU", "Sveriges lantbruksuniversitet", 1800, {"401": 4.0, "402": 4.0, "403": 4.0, "404": 3.5, "405": 3.5, "106": 2.0, "105": 1.8}, 1.0),
]

# How much a field publishes and is cited, across organisations.
BASE = {f: 1.0 for f in FIELDS}
CITES = {f: 8.0 for f in FIELDS}
for f in FIELDS:
    major = f[0]
    BASE[f] = {"1": 1.3, "2": 1.1, "3": 1.6, "4": 0.5, "5": 0.8, "6": 0.5}[major]
    CITES[f] = {"1": 12.0, "2": 9.0, "3": 16.0, "4": 8.0, "5": 6.0, "6": 2.5}[major]


def main():
    rnd = random.Random(SEED)
    total_base = sum(BASE.values())
    rows = []
    for code, _name, size, strong, quality in ORGS:
        weights = {f: BASE[f] * strong.get(f, 1.0) * rnd.uniform(0.6, 1.4) for f in FIELDS}
        wsum = sum(weights.values())
        for y in YEARS:
            growth = 1 + 0.02 * (y - 2013)
            for f in FIELDS:
                mean = size * growth * weights[f] / wsum
                pubs = max(0, int(round(mean * rnd.uniform(0.8, 1.2))))
                age = 2024 - y
                cites = int(round(pubs * CITES[f] * quality * min(age, 6) / 6 * rnd.uniform(0.6, 1.5)))
                rows.append((code, f, y, pubs, cites))
    with open(os.path.join(ROOT, "demo-publications.csv"), "w", encoding="utf-8", newline="\n") as out:
        out.write("# SYNTHETIC DATA for teaching and tests - not bibliometric facts. Written by scripts/gen-publications.py (seed 2031).\n")
        out.write("# Publications and citations (counted to 2024) by organisation, research subject group (datasets/research/fields.csv) and publication year.\n")
        out.write("organisation,field,year,publications,citations\n")
        for r in rows:
            out.write("%s,%s,%d,%d,%d\n" % r)

    # One row per publication and organisation, for a twentieth of the volume.
    papers = []
    next_id = 1
    for code, _name, size, strong, quality in ORGS:
        weights = {f: BASE[f] * strong.get(f, 1.0) for f in FIELDS}
        wsum = sum(weights.values())
        for y in PAPER_YEARS:
            for f in FIELDS:
                n = int(round(size / 20 * weights[f] / wsum * rnd.uniform(0.7, 1.3)))
                for _ in range(n):
                    age = 2024 - y
                    mu = math.log(CITES[f] * quality * min(age, 6) / 6 + 0.5)
                    c = int(round(rnd.lognormvariate(mu - 0.5, 1.0))) if rnd.random() > 0.12 else 0
                    pid = "P%05d" % next_id
                    next_id += 1
                    if rnd.random() < 0.15:
                        # Shared with another organisation: half each.
                        other = ORGS[rnd.randrange(len(ORGS))][0]
                        if other != code:
                            papers.append((pid, code, f, y, c, 0.5))
                            papers.append((pid, other, f, y, c, 0.5))
                            continue
                    papers.append((pid, code, f, y, c, 1.0))
    papers.sort(key=lambda p: (p[0], p[1]))
    with open(os.path.join(ROOT, "demo-papers.csv"), "w", encoding="utf-8", newline="\n") as out:
        out.write("# SYNTHETIC DATA for teaching and tests - not bibliometric facts. Written by scripts/gen-publications.py (seed 2031).\n")
        out.write("# One row per publication and organisation, 2016-2021: citations counted to 2024; weight = the organisation's share of the publication.\n")
        out.write("id,organisation,field,year,citations,weight\n")
        for p in papers:
            out.write("%s,%s,%s,%d,%d,%s\n" % (p[0], p[1], p[2], p[3], p[4], ("%.1f" % p[5])))


if __name__ == "__main__":
    main()
