#!/usr/bin/env python3
"""Reshapes a table with one column per industry into spets' long CSV.

    python3 scripts/reshape-wide-industries.py IN.csv OUT.csv [--region COL] [--year COL] [--prefix P] [--strip-region S]

For files such as Data Commons' republication of Eurostat nama_10r_3empers
(`Date, GeoId, Count_Person_Employed_NACE/A, …`): the industry code is what follows the
last `/` (or the prefix), regions lose a prefix such as `dcid:nuts/`.
"""
import argparse
import csv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--region", default="GeoId")
    ap.add_argument("--year", default="Date")
    ap.add_argument("--strip-region", default="dcid:nuts/")
    ap.add_argument("--measure", default="employment")
    a = ap.parse_args()
    with open(a.src, newline="") as f, open(a.dst, "w", newline="") as g:
        r = csv.DictReader(f)
        w = csv.writer(g, lineterminator="\n")
        w.writerow(["region", "industry", "year", a.measure])
        inds = [c for c in r.fieldnames if c not in (a.region, a.year)]
        for row in r:
            region = row[a.region].replace(a.strip_region, "")
            for c in inds:
                code = c.rsplit("/", 1)[-1]
                v = row[c]
                # The total column has no `/CODE` suffix (`Count_Person_Employed`).
                w.writerow([region, code if "/" in c else "TOTAL", row[a.year][:4],
                            "" if v in ("", None) else v])


if __name__ == "__main__":
    main()
