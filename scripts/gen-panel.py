#!/usr/bin/env python3
"""Writes a synthetic long panel for benchmarks (stdlib only, deterministic).

    python3 scripts/gen-panel.py REGIONS INDUSTRIES YEARS OUT.csv

Header `region,industry,year,employment,value_added`; every cell present (inactive cells 0);
rows ordered by region, industry, year; industry codes with leading zeros. The shape of
../shared/bench's panels, without numpy, so `scripts/bench` runs anywhere.
"""
import random
import sys


def main():
    nr, ni, ny, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(20301)
    width = 2 if ni <= 99 else 3
    inds = [str(i + 1).zfill(width) for i in range(ni)]
    first = 2023 - ny
    with open(out, "w") as f:
        f.write("region,industry,year,employment,value_added\n")
        for r in range(nr):
            code = "R%04d" % r
            scale = rng.lognormvariate(9, 1)
            lines = []
            for ind in inds:
                base = scale * rng.random() if rng.random() > 0.1 else 0.0
                g = rng.uniform(-0.03, 0.05)
                p = rng.uniform(0.4, 2.5)
                for t in range(ny):
                    e = int(base * (1 + g) ** t)
                    lines.append(f"{code},{ind},{first + t},{e},{e * p:.1f}\n")
            f.write("".join(lines))


if __name__ == "__main__":
    main()
