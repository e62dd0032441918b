// Describe.swift — what a dataset holds (`describe`), the list of datasets, and a dataset's
// observations as a Table (so `d | where …` works on raw data).

public enum Describe {
    public static func table(_ c: Cube, registry: Registry) -> Table {
        var part: [String] = [], name: [String] = [], count: [Double] = [], details: [String] = []
        func row(_ p: String, _ n: String, _ k: Int, _ d: String) { part.append(p); name.append(n); count.append(Double(k)); details.append(d) }
        func sample(_ d: Dimension) -> String {
            let s = d.labels.prefix(6).map { l -> String in l }.joined(separator: ", ")
            return d.count > 6 ? s + ", …" : s
        }
        // Regions and NACE industries are checked against the registries; organisations and
        // research fields (publication data) have none here.
        func registryNote(_ unknown: [String]) -> String {
            unknown.isEmpty ? "; all in the registry" : "; not in the registry: \(unknown.count)" + (unknown.count <= 6 ? " (\(unknown.joined(separator: ", ")))" : "")
        }
        row("dimension", c.region.name, distinct(c.regionCodes, c.region.count), sample(c.region) +
            (c.region.name == "region" ? registryNote(c.region.labels.filter { registry.regionByCode($0) == nil }) : ""))
        if let ind = c.industry {
            row("dimension", ind.name, distinct(c.industryCodes, ind.count), sample(ind) +
                (ind.isClassifiedIndustry ? registryNote(ind.labels.filter { registry.industry($0) == nil }) : ""))
        }
        let ys = c.distinctYears
        var span = ys.isEmpty ? "" : (ys.count == 1 ? "\(ys[0])" : "\(ys.first!)–\(ys.last!)")
        if let lo = ys.first, let hi = ys.last, hi - lo + 1 != ys.count {
            let gaps = (lo...hi).filter { !ys.contains($0) }
            span += "; gaps: " + gaps.prefix(8).map(String.init).joined(separator: ", ")
        }
        row("dimension", "year", ys.count, span)
        for (k, e) in c.extras.enumerated() {
            _ = k
            row("dimension", e.name, e.count, sample(e))
        }
        for m in c.measures {
            let miss = m.missingCount
            row("measure", m.name, m.count, (m.unit.map { "unit \($0); " } ?? "unit not stated; ")
                + (Prices.basis(m).map { "\($0) prices; " } ?? "") + "missing \(miss)"
                + (m.flags.map { "; flagged " + CellFlags.describe($0.counts()) } ?? ""))
        }
        return Table(columns: [
            Column("part", .text(part), kind: .key), Column("name", .text(name), kind: .key),
            Column("count", .number(count)), Column("details", .text(details)),
        ], footer: ["dataset \(c.name): \(c.count) rows from \(c.source)"] + hierarchy(c, registry: registry) + c.notes, title: nil)
    }

    /// The industry hierarchy the analyses will use, found in the codes present (registry,
    /// code ranges, totals): the default partition and what is left out of it, and how.
    static func hierarchy(_ c: Cube, registry: Registry) -> [String] {
        guard let ind = c.industry else { return [] }
        var seen = [Bool](repeating: false, count: ind.count)
        for i in c.industryCodes { seen[Int(i)] = true }
        let present = (0..<ind.count).filter { seen[$0] }.map(Int32.init)
        guard present.count > 1 else { return [] }
        let p = IndustryPartition.finest(present: present, dimension: ind, registry: registry)
        guard !p.leftOut.isEmpty else { return [] }   // no hierarchy among the codes: nothing to say
        let how = p.description.hasSuffix("(hierarchy read from the codes)") ? "" : (ind.isClassifiedIndustry ? " (NACE/SNI registry)" : "")
        return ["hierarchy, finest complete partition" + how + ": " + p.description]
    }

    public static func list(_ cubes: [Cube], bindings: [String: Table]) -> Table {
        var name: [String] = [], kind: [String] = [], rows: [Double] = [], info: [String] = []
        for c in cubes {
            name.append(c.name); kind.append("dataset"); rows.append(Double(c.count))
            let ys = c.distinctYears
            info.append(plural(distinct(c.regionCodes, c.region.count), "region")
                        + (c.industry.map { ", " + plural(distinct(c.industryCodes, $0.count), "industry", "industries") } ?? "")
                        + (ys.isEmpty ? "" : ", \(ys.first!)–\(ys.last!)") + "; " + c.measures.map(\.name).joined(separator: ", "))
        }
        for k in bindings.keys.sorted() {
            name.append(k); kind.append("result"); rows.append(Double(bindings[k]!.rowCount))
            info.append(bindings[k]!.columns.map(\.name).joined(separator: ", "))
        }
        return Table(columns: [Column("name", .text(name), kind: .key), Column("kind", .text(kind)),
                               Column("rows", .number(rows)), Column("contents", .text(info))])
    }

    /// How many codes of a dimension occur (a filtered dataset shares its parent's dimension).
    public static func distinct(_ codes: CodeColumn, _ n: Int) -> Int {
        var seen = [Bool](repeating: false, count: n)
        var k = 0
        codes.withWords { w in for r in 0..<w.count where !seen[Int(w[r])] { seen[Int(w[r])] = true; k += 1 } }
        return k
    }

    /// The dataset as a table of observations: region, industry, year, extras, measures.
    /// `only` (positions in that order) keeps just those columns — a pipeline that reads a few
    /// columns must not widen a 12-million-row year column to numbers (96 MB) it never looks
    /// at. One column always stays, so the row count does. Code and measure columns share the
    /// dataset's arrays; only the year column is built.
    public static func observations(_ c: Cube, only: Set<Int>? = nil) -> Table {
        var makers: [() -> Column] = [{ Column(c.region.name, .coded(c.regionCodes, c.region), kind: .key) }]
        if let i = c.industry { makers.append { Column(i.name, .coded(c.industryCodes, i), kind: .key) } }
        makers.append { Column(c.yearName, .number(c.years.map(Double.init)), decimals: 0, kind: .key) }
        for (k, e) in c.extras.enumerated() { makers.append { Column(e.name, .coded(c.extraCodes[k], e), kind: .key) } }
        for m in c.measures { makers.append { Column(m.name, .number(m.values), unit: m.unit) } }
        let keep = only.map { $0.isEmpty ? [0] : $0.sorted() } ?? Array(makers.indices)
        return Table(columns: keep.map { makers[$0]() }, footer: ["dataset \(c.name) (\(FileIO.displayName(c.source)))"])
    }

    /// The column names of `observations(c)`, in order, without building any column.
    public static func observationNames(_ c: Cube) -> [String] {
        [c.region.name] + (c.industry.map { [$0.name] } ?? []) + [c.yearName] + c.extras.map(\.name) + c.measures.map(\.name)
    }
}
