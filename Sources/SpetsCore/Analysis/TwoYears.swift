// TwoYears.swift — the common ground of the decompositions: one or two measures in the years
// of a period, as cross-sections with the same columns (the partition of the industries
// present in any of those years) and the same regions.

public struct PeriodData {
    public let years: [Int]
    /// Per year and measure: sections[yearIndex][measureIndex].
    public let sections: [[CrossSection]]
    public let cube: Cube
    public var nR: Int { sections[0][0].nR }
    public var nC: Int { sections[0][0].nC }
    public var columnDim: Dimension { sections[0][0].columnDim }
    public var columnCodes: [Int32] { sections[0][0].columnCodes }
    public var level: [Int] { sections[0][0].level }
    public let measures: [Int]
    /// The first section's notes, with the flags of every year and measure, each on its line.
    public var notes: [String] {
        var out = sections[0][0].notes.filter { !$0.hasPrefix(CrossSection.flagNotePrefix) }
        for (y, row) in sections.enumerated() {
            for (m, cs) in row.enumerated() {
                if let f = cs.flagged { out.append("flagged cells in \(cube.measures[measures[m]].name) \(years[y]) (as the source marked them): " + f) }
            }
        }
        return out
    }
    public var isAreas: Bool { sections[0][0].isAreas }

    public static func build(_ cube: Cube, measures: [Int], years: [Int], registry: Registry,
                             industries: IndustryChoice, regionLevel: Int? = nil) throws(Diagnostic) -> PeriodData {
        var sections: [[CrossSection]] = []
        // The partition comes from the first measure over every year; other cross-sections use
        // exactly those columns so that they line up.
        let first = try CrossSection.build(cube, measure: measures[0], year: years[0], registry: registry,
                                           industries: industries, regionLevel: regionLevel, partitionYears: years)
        let fixed: IndustryChoice
        switch industries {
        case .finest, .explicit: fixed = .fixed(first.partitionColumns, first.notes[0])
        default: fixed = industries
        }
        for y in years {
            var row: [CrossSection] = []
            for m in measures {
                if y == years[0] && m == measures[0] { row.append(first); continue }
                row.append(try CrossSection.build(cube, measure: m, year: y, registry: registry, industries: fixed,
                                                  regionLevel: regionLevel, partitionYears: years))
            }
            sections.append(row)
        }
        return PeriodData(years: years, sections: sections, cube: cube, measures: measures)
    }

    /// A region takes part when it is active in every year's first measure or any of them
    /// (exits and entries of whole regions are rare; a region must have the base year).
    public func active(_ r: Int) -> Bool { sections.contains { $0[0].active[r] } }

    public func peers(of r: Int) -> [Int] { (0..<nR).filter { active($0) && level[$0] == level[r] && !sections[0][0].aggregate[$0] } }

    /// Value, or 0 when the cell is absent (an industry not there that year); NaN if missing.
    @inline(__always) public func value(_ y: Int, _ m: Int, _ r: Int, _ c: Int) -> Double {
        let cs = sections[y][m]
        if !cs.present[r * cs.nC + c] { return 0 }
        return cs.at(r, c)
    }

    /// Reference totals for region r in year y of measure m. The level sums are computed
    /// once per (year, measure, level), not once per region (that was quadratic in regions).
    public func referenceTotals(_ y: Int, _ m: Int, for r: Int, _ ref: Reference, cache: inout [Int: (byColumn: [Double], total: Double)]) -> (byColumn: [Double], total: Double) {
        let cs = sections[y][m]
        switch ref {
        case .levelSum, .rest:
            let key = (y * 16 + m) * 64 + (level[r] + 1)
            if cache[key] == nil { cache[key] = cs.referenceTotals(for: r, .levelSum, peers: peers(of: r)) }
            var t = cache[key]!
            if ref == .rest {
                for c in 0..<nC { let v = cs.at(r, c); if !v.isNaN && cs.present[r * nC + c] { t.byColumn[c] -= v } }
                t.total -= cs.rowTotal[r]
            }
            return t
        default:
            return cs.referenceTotals(for: r, ref, peers: peers(of: r))
        }
    }

    /// The TOTAL-extended column dimension for decomposition tables.
    public func totalDimension() -> Dimension {
        Dimension(name: columnDim.name, role: .industry, labels: columnDim.labels + ["TOTAL"], names: columnDim.names + [nil])
    }
}

/// How a decomposition's components add up: the largest relative residual over all blocks.
public struct Exactness {
    public private(set) var worst = 0.0
    public init() {}
    public mutating func check(total: Double, parts: [Double]) {
        let sum = parts.reduce(0, +)
        guard !total.isNaN && !sum.isNaN else { return }
        let rel = abs(total - sum) / max(abs(total), 1e-300)
        worst = max(worst, abs(total - sum) <= 1e-12 ? 0 : rel)
    }
    /// The footer line; an identity that fails (> 1e-9 relative) says so in capitals.
    public func line(_ identity: String) -> String {
        if worst <= 1e-9 {
            return "identity: \(identity) holds (largest relative residual \(worst == 0 ? "0" : worst < 1e-12 ? "< 1e-12" : "< 1e-9"))"
        }
        return "IDENTITY FAILED: \(identity) is off by up to \(worst) relative — please report this"
    }
}
