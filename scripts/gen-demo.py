#!/usr/bin/env python3
"""Writes the bundled SYNTHETIC demo data (teaching and tests, not official statistics).

    python3 scripts/gen-demo.py            # writes datasets/demo-counties.csv, datasets/demo-firms.csv

Deterministic: Python's `random.Random(seed)` (Mersenne Twister; its stream for a given
seed is stable across Python 3 versions) and plain float arithmetic, values rounded before
they are written. Re-running gives byte-identical files.

The structure is plausible, not real: services concentrated in the metropolitan counties;
forestry, wood, pulp and paper, food and tourism strong in counties such as Kalmar,
Jämtland and Västernorrland; a dip in 2009; a few industries entering or leaving; three
suppressed value-added cells written as `..`.
"""
import os
import random

SEED = 2030
YEARS = list(range(2008, 2024))
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "datasets")

# code, name, employment (thousands, about 2015), profile tags
COUNTIES = [
    ("SE110", "Stockholms län", 1300, {"metro", "capital"}),
    ("SE121", "Uppsala län", 190, {"metro_small", "research"}),
    ("SE122", "Södermanlands län", 125, {"industry"}),
    ("SE123", "Östergötlands län", 220, {"industry", "research"}),
    ("SE124", "Örebro län", 140, {"industry"}),
    ("SE125", "Västmanlands län", 125, {"industry"}),
    ("SE211", "Jönköpings län", 180, {"industry", "food", "furniture"}),
    ("SE212", "Kronobergs län", 95, {"forest", "furniture"}),
    ("SE213", "Kalmar län", 115, {"forest", "food", "paper", "tourism", "furniture"}),
    ("SE214", "Gotlands län", 30, {"food", "tourism"}),
    ("SE221", "Blekinge län", 70, {"industry", "ict_small"}),
    ("SE224", "Skåne län", 650, {"metro", "food"}),
    ("SE231", "Hallands län", 160, {"food"}),
    ("SE232", "Västra Götalands län", 850, {"metro", "vehicles"}),
    ("SE311", "Värmlands län", 130, {"forest", "paper"}),
    ("SE312", "Dalarnas län", 135, {"forest", "tourism", "metal"}),
    ("SE313", "Gävleborgs län", 130, {"forest", "paper", "metal"}),
    ("SE321", "Västernorrlands län", 115, {"forest", "paper", "public"}),
    ("SE322", "Jämtlands län", 63, {"forest", "tourism", "public"}),
    ("SE331", "Västerbottens län", 130, {"forest", "mining", "research"}),
    ("SE332", "Norrbottens län", 120, {"mining", "metal", "public"}),
]

# SNI 2007 division, national share of employment (per mille), productivity MSEK/person 2008,
# yearly employment trend, yearly productivity trend, profiles that raise it (factor)
INDUSTRIES = [
    ("01", 12, 0.55, -0.010, 0.020, {"food": 1.8, "forest": 1.3}),
    ("02", 6, 1.20, -0.008, 0.025, {"forest": 3.5}),
    ("03", 1, 0.70, -0.010, 0.010, {"tourism": 2.0}),
    ("07", 3, 3.20, 0.010, 0.010, {"mining": 9.0}),
    ("08", 2, 1.40, 0.000, 0.010, {"mining": 3.0, "industry": 1.3}),
    ("10", 14, 0.85, 0.002, 0.012, {"food": 2.2}),
    ("11", 2, 1.30, 0.005, 0.010, {"food": 1.6}),
    ("16", 9, 0.90, -0.004, 0.018, {"forest": 3.0, "furniture": 1.5}),
    ("17", 5, 1.60, -0.012, 0.022, {"paper": 4.5}),
    ("20", 5, 1.50, 0.000, 0.015, {"industry": 1.6}),
    ("21", 3, 2.40, 0.020, 0.020, {"research": 3.0}),
    ("22", 4, 0.95, -0.003, 0.012, {"industry": 1.8}),
    ("24", 6, 1.30, -0.010, 0.015, {"metal": 4.0}),
    ("25", 14, 0.80, 0.000, 0.012, {"industry": 1.8, "furniture": 1.3}),
    ("26", 5, 1.40, -0.005, 0.030, {"ict_small": 3.0, "research": 1.5}),
    ("27", 4, 1.10, -0.002, 0.015, {"industry": 2.0}),
    ("28", 14, 1.05, -0.003, 0.015, {"industry": 2.0}),
    ("29", 14, 1.10, 0.000, 0.020, {"vehicles": 3.5}),
    ("31", 3, 0.65, -0.008, 0.010, {"furniture": 3.5}),
    ("35", 5, 3.00, 0.000, 0.010, {"forest": 1.4}),
    ("36", 1, 1.50, 0.002, 0.008, {}),
    ("41", 22, 0.70, 0.015, 0.005, {}),
    ("42", 10, 0.85, 0.010, 0.005, {"mining": 1.4}),
    ("43", 36, 0.65, 0.015, 0.005, {}),
    ("45", 16, 0.60, 0.005, 0.010, {}),
    ("46", 50, 0.90, 0.003, 0.012, {"metro": 1.4}),
    ("47", 60, 0.45, 0.005, 0.012, {}),
    ("49", 26, 0.60, 0.004, 0.008, {}),
    ("52", 12, 0.85, 0.008, 0.010, {"metro": 1.2}),
    ("55", 10, 0.40, 0.015, 0.005, {"tourism": 2.6}),
    ("56", 30, 0.35, 0.020, 0.005, {"tourism": 1.6, "metro": 1.2}),
    ("58", 6, 1.00, -0.015, 0.020, {"metro": 2.0}),
    ("61", 5, 2.20, -0.005, 0.030, {"metro": 2.0}),
    ("62", 35, 1.10, 0.040, 0.020, {"metro": 2.6, "capital": 1.3, "ict_small": 1.8}),
    ("64", 15, 1.80, 0.005, 0.015, {"capital": 2.5}),
    ("68", 15, 4.00, 0.008, 0.005, {"metro": 1.2}),
    ("69", 18, 0.95, 0.015, 0.010, {"metro": 1.8}),
    ("70", 16, 1.20, 0.020, 0.012, {"capital": 2.5}),
    ("71", 25, 1.00, 0.020, 0.010, {"metro": 1.6, "industry": 1.2}),
    ("72", 6, 1.10, 0.025, 0.015, {"research": 3.0, "capital": 1.5}),
    ("84", 60, 0.65, 0.005, 0.005, {"public": 1.3, "capital": 1.2}),
    ("85", 85, 0.55, 0.010, 0.003, {"research": 1.2}),
    ("86", 75, 0.60, 0.010, 0.004, {}),
    ("87", 55, 0.50, 0.008, 0.002, {"public": 1.2}),
    ("88", 50, 0.50, 0.010, 0.002, {"public": 1.2}),
    ("90", 5, 0.55, 0.010, 0.005, {"metro": 1.6, "tourism": 1.3}),
    ("93", 8, 0.45, 0.015, 0.005, {"tourism": 2.5}),
]
ENTRY = {("SE213", "21"): 2015, ("SE322", "29"): 2017}   # starts that year (0 before)
EXIT = {("SE322", "26"): 2012, ("SE214", "24"): 2010}      # gone from that year (0 after)
SUPPRESSED = {("SE214", "07", 2016), ("SE214", "07", 2017), ("SE322", "21", 2020)}
METRO_FACTOR = {"metro": 0.75, "capital": 0.8}  # metro counties have smaller shares in goods


def counties_csv(rng):
    lines = [
        "# SYNTHETIC DATA for teaching and tests - not official statistics. Written by scripts/gen-demo.py (seed 2030).",
        "# The 21 Swedish counties (NUTS 2021 codes) x 47 SNI 2007 divisions x 2008-2023.",
        "# unit employment: persons",
        "# unit value_added: MSEK, constant 2023 prices",
        "region,region_name,industry,year,employment,value_added",
    ]
    goods = {"01", "02", "03", "07", "08", "10", "11", "16", "17", "20", "22", "24", "25", "27", "28", "31", "35"}
    for code, name, size, tags in COUNTIES:
        region_prod = 1.15 if "capital" in tags else (1.05 if "metro" in tags else rng.uniform(0.88, 1.0))
        weights = {}
        for ind, share, *_rest, boosts in INDUSTRIES:
            f = 1.0
            for t in tags:
                f *= boosts.get(t, 1.0)
            if ind in goods:
                for t in tags:
                    f *= METRO_FACTOR.get(t, 1.0)
            weights[ind] = share * f * rng.uniform(0.8, 1.2)
        total = sum(weights.values())
        for ind, share, prod, etrend, ptrend, boosts in INDUSTRIES:
            base = size * 1000 * weights[ind] / total
            noise_e = rng.uniform(-0.004, 0.004)
            noise_p = rng.uniform(-0.004, 0.004)
            for y in YEARS:
                t = y - 2008
                dip = 1.0
                if y == 2009:
                    dip = 0.90 if ind in goods or ind in {"26", "29"} else 0.98
                elif y == 2010:
                    dip = 0.96 if ind in goods else 0.995
                emp = base * (1 + etrend + noise_e) ** t * dip * rng.uniform(0.985, 1.015)
                if (code, ind) in ENTRY and y < ENTRY[(code, ind)]:
                    emp = 0
                if (code, ind) in EXIT and y >= EXIT[(code, ind)]:
                    emp = 0
                if (code, ind) in ENTRY and y >= ENTRY[(code, ind)]:
                    emp = 40 + 35 * (y - ENTRY[(code, ind)])
                e = int(round(emp))
                p = prod * region_prod * (1 + ptrend + noise_p) ** t * (0.95 if y == 2009 else 1.0) * rng.uniform(0.98, 1.02)
                va = round(e * p, 1)
                va_text = ".." if (code, ind, y) in SUPPRESSED else ("%.1f" % va)
                lines.append(f"{code},{name},{ind},{y},{e},{va_text}")
    return "\n".join(lines) + "\n"


def firms_csv(rng):
    lines = [
        "# SYNTHETIC DATA for teaching and tests - not official statistics. Written by scripts/gen-demo.py (seed 2030).",
        "# A firm panel for Kalmar lan (SE213), 2015-2023, with entry and exit.",
        "# unit employment: persons",
        "# unit value_added: MSEK, constant 2023 prices",
        "firm,region,industry,year,employment,value_added",
    ]
    inds = [("10", 0.85), ("16", 0.95), ("17", 1.7), ("25", 0.8), ("31", 0.65), ("62", 1.1)]
    for k in range(1, 121):
        ind, prod = inds[k % len(inds)]
        start = 2015 if rng.random() < 0.75 else rng.randint(2016, 2022)
        end = 2023 if rng.random() < 0.8 else rng.randint(max(start + 1, 2017), 2023)
        size = max(3, int(rng.lognormvariate(3.0, 1.0)))
        p = prod * rng.uniform(0.7, 1.3)
        g = rng.uniform(-0.03, 0.05)
        pg = rng.uniform(-0.01, 0.03)
        for y in range(start, end + 1):
            e = max(1, int(round(size * (1 + g) ** (y - start) * rng.uniform(0.95, 1.05))))
            va = round(e * p * (1 + pg) ** (y - start), 2)
            lines.append(f"F{k:03d},SE213,{ind},{y},{e},{va:.2f}")
    return "\n".join(lines) + "\n"


def main():
    rng = random.Random(SEED)
    with open(os.path.join(ROOT, "demo-counties.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(counties_csv(rng))
    with open(os.path.join(ROOT, "demo-firms.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(firms_csv(random.Random(SEED + 1)))


if __name__ == "__main__":
    main()
