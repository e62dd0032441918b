// TwoYears.swift — the common ground of the decompositions: one or two measures in the years
// of a period, as cross-sections with the same columns (the partition of the industries
// present in any of those years) and the same regions.

/// A period's order, checked in one place: the language checks it when a statement is
/// parsed (the caret on `to`), and each analysis over a period guards its entry with it.
public enum PeriodOrder {
    public static func check(_ from: Int, _ to: Int) throws(Diagnostic) {
        guard from < to else { throw Diagnostic(.mustComeBefore, from, to) }
    }
}

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

    /// The frame every section shares: the cells observed in every year and measure.
    public let frame: CellFrame

    public static func build(_ cube: Cube, measures: [Int], years: [Int], registry: Registry,
                             industries: IndustryChoice, regionLevel: Int? = nil, missing: MissingRule = .out,
                             focus: [Int32]? = nil) throws(Diagnostic) -> PeriodData {
        let frame = try CellFrame.build(cube, measures: measures, years: years, registry: registry, industries: industries,
                                        regionLevel: regionLevel, rule: missing, focus: focus)
        var sections: [[CrossSection]] = []
        for y in years.indices {
            var row: [CrossSection] = []
            for m in measures.indices {
                row.append(try CrossSection.build(cube, frame: frame, year: y, measure: m, registry: registry, industries: industries))
            }
            sections.append(row)
        }
        return PeriodData(years: years, sections: sections, cube: cube, measures: measures, frame: frame)
    }

    /// A region takes part when it has data in every year and measure read.
    public func active(_ r: Int) -> Bool { frame.takesPart[r] }

    public func peers(of r: Int) -> [Int] { (0..<nR).filter { active($0) && level[$0] == level[r] && !sections[0][0].aggregate[$0] } }

    /// The cell's value under the frame (0 for an absent cell that is used); NaN when left out.
    @inline(__always) public func value(_ y: Int, _ m: Int, _ r: Int, _ c: Int) -> Double {
        let cs = sections[y][m]
        return cs.used[r * cs.nC + c] ? cs.at(r, c) : .nan
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
                for c in 0..<nC { let v = cs.at(r, c); if !v.isNaN { t.byColumn[c] -= v } }
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

    /// The TOTAL row's code in `totalDimension()` (after every label of the column dimension,
    /// whichever columns are analysed).
    public var totalCode: Int32 { Int32(columnDim.count) }
}

/// How a decomposition's components add up: the largest residual over all rows, relative to
/// the scale of the table (its largest absolute total or component), so that a row whose
/// change is zero cannot blow the ratio up.
public struct Exactness {
    public private(set) var residual = 0.0
    public private(set) var scale = 0.0
    public var worst: Double { residual == 0 ? 0 : residual / max(scale, 1e-300) }
    public init() {}
    public mutating func check(total: Double, parts: [Double]) {
        let sum = parts.reduce(0, +)
        guard total.isFinite && sum.isFinite else { return }
        scale = max(scale, abs(total), parts.reduce(0) { max($0, abs($1)) })
        let r = abs(total - sum)
        if r > 1e-12 { residual = max(residual, r) }   // below that: exact for the printed digits
    }
    /// The footer line; an identity that fails (> 1e-9 relative) says so in capitals.
    public func line(_ identity: String) -> String {
        if worst <= 1e-9 {
            return "identity: \(identity) holds (largest relative residual \(worst == 0 ? "0" : worst < 1e-12 ? "< 1e-12" : "< 1e-9"))"
        }
        return "IDENTITY FAILED: \(identity) is off by up to \(worst) relative — please report this"
    }
}
