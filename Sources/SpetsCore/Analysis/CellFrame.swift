// CellFrame.swift — which cells an analysis uses (methods.md "Which cells are used"). Built
// once per statement from every year and measure the analysis reads, so that a region's
// figures, every reference and every total are sums over the same cells in every year. No
// verb decides its own cell set: cross-sections and decompositions read this value.

/// How missing cells are treated (the `missing` clause; the default is named `out`).
public enum MissingRule: String, CaseIterable, Sendable {
    /// A cell not observed in every year and measure read is left out of the region's figures
    /// and of every reference and total; indices over a whole vector are missing for it.
    case out
    /// As `out`, but indices over a whole vector are computed on the observed part,
    /// renormalised (the reference restricted to the same industries or regions).
    case skip
    /// Missing cells count as zero (for suppressed small values).
    case zero

    public var footer: String {
        switch self {
        case .out: return "missing out: a cell not observed in every year and measure read is left out of its region and of every reference and total (default; or `missing skip`, `missing zero`)"
        case .skip: return "missing skip: indices over a whole vector use the observed cells, shares renormalised over them (the reference restricted alike)"
        case .zero: return "missing zero: missing and absent cells of observed regions count as 0 (a cell holding one measure but lacking another is left out)"
        }
    }
}

public struct CellFrame {
    /// The levels of the regions asked for (`for R`), nil for all: footers count and name
    /// what was left out at these levels.
    public let focusLevels: Set<Int>?
    public let years: [Int]
    /// Indices into the dataset's measures.
    public let measures: [Int]
    public let rule: MissingRule
    public let nR: Int
    /// The dataset's industries (the slices' width).
    public let nI: Int
    /// slices[y][m], the raw data of each year and measure read.
    public let slices: [[YearSlice]]
    /// The partition the region totals are summed over (the whole).
    public let whole: IndustryPartition
    /// The industry columns shown (the whole, a selection, or the parts of a lone total).
    public let shown: [Int32]
    /// used[r * nI + i]: the cell is observed (or a zero) in every year and measure read, and
    /// its region takes part.
    public let used: [Bool]
    /// Per region: it has data (an observed cell of the whole) in every year and measure read
    /// and stands at the chosen level.
    public let takesPart: [Bool]
    /// Per region, per slice (years × measures, row-major): has it an observed cell?
    let observed: [[Bool]]
    public let level: [Int]
    let atLevel: [Bool]
    func takesPartAtLevel(_ r: Int) -> Bool { atLevel[r] }
    /// Footer lines: the rule, and what was left out.
    public let notes: [String]

    @inline(__always) public func isUsed(_ r: Int, _ i: Int) -> Bool { used[r * nI + i] }

    /// The value of cell (r, i) in slice (y, m) under the frame: the observation, 0 for an
    /// absent (or, under `missing zero`, missing) cell that is used, NaN when left out.
    @inline(__always) public func value(_ y: Int, _ m: Int, _ r: Int, _ i: Int) -> Double {
        let k = r * nI + i
        guard used[k] else { return .nan }
        let v = slices[y][m].x[k]
        return v.isNaN ? 0 : v
    }

    public static func build(_ cube: Cube, measures: [Int], years: [Int], registry: Registry,
                             industries: IndustryChoice = .finest, regionLevel: Int? = nil,
                             rule: MissingRule = .out, partitionYears: [Int] = [], focus: [Int32]? = nil) throws(Diagnostic) -> CellFrame {
        var slices: [[YearSlice]] = []
        for y in years {
            var row: [YearSlice] = []
            for m in measures { row.append(try YearSlice.build(cube, measure: m, year: y)) }
            slices.append(row)
        }
        let ind = cube.industry!
        let nR = slices[0][0].regions, nI = slices[0][0].industries
        let flat = slices.flatMap { $0 }
        // An industry is observed in a slice when some region has a number for it; the
        // partition is decided on those observed in every slice read.
        func columnObserved(_ s: YearSlice) -> [Bool] {
            var o = [Bool](repeating: false, count: nI)
            for r in 0..<nR { for i in 0..<nI where !o[i] { let k = r * nI + i; if s.present[k] && !s.x[k].isNaN { o[i] = true } } }
            return o
        }
        let colObs = flat.map(columnObserved)
        var inAll = (0..<nI).map { i in colObs.allSatisfy { $0[i] } }
        if !partitionYears.isEmpty {
            // Series over many years (indicators): columns line up across the years, each
            // year its own cells.
            for y in partitionYears where !years.contains(y) {
                let o = columnObserved(try YearSlice.build(cube, measure: measures[0], year: y))
                for i in 0..<nI where o[i] { inAll[i] = true }
            }
            for o in colObs { for i in 0..<nI where o[i] { inAll[i] = true } }
        }
        let present = (0..<nI).filter { inAll[$0] }.map { Int32($0) }
        if present.isEmpty, case .fixed = industries {
            // Columns decided earlier (an indicator series): a year with nothing observed
            // simply has no region taking part.
        } else if present.isEmpty {
            let empty = flat.indices.filter { !colObs[$0].contains(true) }
            func name(_ j: Int) -> String { "\(cube.measures[measures[j % measures.count]].name) in \(years[j / measures.count])" }
            if !empty.isEmpty {
                throw Diagnostic(.hasNoObservedEveryCell, cube.name, empty.map(name).joined(separator: ", "),
                                 help: "missing values are not zeros; choose years where every measure is observed (`describe \(cube.name)`)")
            }
            throw Diagnostic(.noIndustryObservedEveryYear, cube.name, flat.indices.map(name).joined(separator: ", "),
                             help: "missing values are not zeros; choose years where the same industries are observed (`describe \(cube.name)`)")
        }
        let (whole, shown) = try PartitionChoice.decide(present: present, industries: industries, dimension: ind, registry: registry)
        let level = (0..<nR).map { cube.aggregateLevels[Int32($0)] ?? registry.regionLevel(cube.region.labels[$0]) }
        // A region observed in a slice: a number in one of the whole's columns.
        var observed = [[Bool]](repeating: [Bool](repeating: false, count: flat.count), count: nR)
        for (k, s) in flat.enumerated() {
            for r in 0..<nR { observed[r][k] = whole.columns.contains { let c = r * nI + Int($0); return s.present[c] && !s.x[c].isNaN } }
        }
        let atLevel = (0..<nR).map { r in regionLevel.map { level[r] == $0 } ?? true }
        var takesPart = (0..<nR).map { r in atLevel[r] && observed[r].allSatisfy { $0 } }
        var used = [Bool](repeating: false, count: nR * nI)
        let M = measures.count
        for r in 0..<nR where takesPart[r] {
            for i in 0..<nI {
                let k = r * nI + i
                // Under `missing zero`, a cell that holds one measure but lacks another (value
                // added without employment) is left out: a ratio of it would be made up.
                let halfObserved = rule == .zero && M > 1 && (0..<years.count).contains { y in
                    let row = (0..<M).map { m in flat[y * M + m].present[k] && !flat[y * M + m].x[k].isNaN }
                    return row.contains(true) && row.contains(false)
                }
                used[k] = !halfObserved && flat.indices.allSatisfy { j in
                    let s = flat[j]
                    if s.present[k] { return !s.x[k].isNaN || rule == .zero }
                    return colObs[j][i] || rule == .zero   // absent: a zero when the region and the industry are observed
                }
            }
        }
        // A region whose observed cells are all left out (X in one year, Y in the other) has no
        // data for this analysis.
        var noCommonCell = [Bool](repeating: false, count: nR)
        for r in 0..<nR where takesPart[r] && !whole.columns.contains(where: { used[r * nI + Int($0)] }) {
            takesPart[r] = false
            noCommonCell[r] = true
            for i in 0..<nI { used[r * nI + i] = false }
        }
        // What was left out, counted as zero or zeroed, for the footer.
        var read = Set(whole.columns)
        read.formUnion(shown)
        let readColumns = read.sorted()
        var notes: [String] = []
        var leftOut = 0, absentZero = 0, zeroed = 0, negative = 0
        var samples: [String] = [], absentSamples: [String] = [], zeroSamples: [String] = [], negativeSamples: [String] = []
        let many = flat.count > 1
        func sliceName(_ j: Int) -> String {
            let y = years[j / measures.count], m = measures[j % measures.count]
            return measures.count > 1 ? "\(cube.measures[m].name) \(y)" : "\(y)"
        }
        let focusLevels = focus.map { Set($0.map { level[Int($0)] }) }
        func cell(_ r: Int, _ i: Int32) -> String { "\(cube.region.labels[r]) × \(ind.labels[Int(i)])" }
        // Counted and named for the regions at the levels asked about.
        for r in 0..<nR where takesPart[r] && (focusLevels?.contains(level[r]) ?? true) {
            let named = true
            for i in readColumns {
                let k = r * nI + Int(i)
                if !used[k] {
                    leftOut += 1
                    if samples.count < 8 && named {
                        let why = flat.indices.filter { j in flat[j].present[k] ? flat[j].x[k].isNaN : !colObs[j][Int(i)] }
                        let w = why.isEmpty ? "" : " (\(why.map { flat[$0].present[k] ? "missing in \(sliceName($0))" : "not in \(sliceName($0))" }.joined(separator: ", ")))"
                        samples.append(cell(r, i) + (many ? w : ""))
                    }
                } else if flat.contains(where: { $0.x[k] < 0 }) {
                    negative += 1
                    if negativeSamples.count < 4 && named { negativeSamples.append(cell(r, i)) }
                } else if flat.contains(where: { !$0.present[k] }) {
                    absentZero += 1
                    if absentSamples.count < 8 && named { absentSamples.append(cell(r, i)) }
                } else if flat.contains(where: { $0.x[k].isNaN }) {
                    zeroed += 1
                    if zeroSamples.count < 8 && named { zeroSamples.append(cell(r, i)) }
                }
            }
        }
        func list(_ n: Int, _ xs: [String]) -> String {
            let shown = xs.prefix(n <= 8 ? 8 : 6)
            return "\(n)" + (shown.isEmpty ? " (at other levels)" : " — " + shown.joined(separator: ", ") + (n > shown.count ? ", …" : ""))
        }
        if leftOut > 0 {
            notes.append((many ? "cells left out (not observed in every year and measure read): " : "cells left out (missing): ") + list(leftOut, samples))
        }
        if zeroed > 0 { notes.append("cells counted as zero (missing zero): " + list(zeroed, zeroSamples)) }
        if negative > 0 {
            // Shares, LQs and growth rates assume sizes; a negative value (GVA in a bad year)
            // makes them meaningless where it enters.
            notes.append("WARNING: negative values in " + list(negative, negativeSamples) + ": shares, LQs and indices that use them are not meaningful")
        }
        if absentZero > 0 {
            notes.append("absent rows counted as zero (the region and the industry have data that year): " + list(absentZero, absentSamples))
        }
        // Regions with data in some of the slices but not all (or in other years only) are
        // not in the reference: named, at the levels analysed.
        var lacking: [String: [String]] = [:]
        var order: [String] = []
        let hasRows = cube.regionsWithRows
        for r in 0..<nR where atLevel[r] && !takesPart[r] && hasRows[r] && cube.aggregateLevels[Int32(r)] == nil
            && (focusLevels?.contains(level[r]) ?? true) {
            let gaps = noCommonCell[r] ? ["any industry in every year and measure read"] : flat.indices.filter { !observed[r][$0] }.map(sliceName)
            let when = gaps.count > 3 ? gaps.prefix(3).joined(separator: ", ") + ", …" : gaps.joined(separator: ", ")
            let key = (level[r] >= 0 ? "at level \(registry.levelName(level[r])), " : "") + "no data in " + when
            if lacking[key] == nil { order.append(key) }
            lacking[key, default: []].append(cube.region.labels[r])
        }
        for key in order {
            let rs = lacking[key]!
            notes.append("regions left out (\(key)): " + rs.prefix(rs.count <= 12 ? 12 : 10).joined(separator: ", ") + (rs.count > 12 ? ", …" : "") + " (\(rs.count))")
        }
        if shown.count == 1 && whole.columns == shown {
            notes.append("only one industry (\(ind.labels[Int(shown[0])])): its share is 1 everywhere, so its LQ is 1 by construction")
        }
        // The rule is named whenever it decided something (or was chosen).
        if leftOut > 0 || zeroed > 0 || absentZero > 0 || !order.isEmpty || rule != .out { notes.insert(rule.footer, at: 0) }
        return CellFrame(focusLevels: focusLevels, years: years, measures: measures, rule: rule, nR: nR, nI: nI, slices: slices, whole: whole, shown: shown,
                         used: used, takesPart: takesPart, observed: observed, level: level, atLevel: atLevel, notes: notes)
    }

    /// Why a region asked for does not take part: the years (and measures) where it has no
    /// data and those where it has.
    public func absence(of r: Int, in cube: Cube) -> Diagnostic {
        let who = cube.region.display(Int32(r))
        let k = years.count * measures.count
        let lacking = (0..<k).filter { !observed[r][$0] }
        func name(_ j: Int) -> String {
            let y = years[j / measures.count], m = measures[j % measures.count]
            return measures.count > 1 ? "\(cube.measures[m].name) \(y)" : "\(y)"
        }
        let has = cube.distinctYearsOf(region: Int32(r))
        let hasText = has.isEmpty ? "none" : Text.yearList(has)
        if lacking.isEmpty {
            if level.indices.contains(r) && takesPartAtLevel(r) {
                return Diagnostic(.hasNoIndustryObservedEvery, who, cube.name,
                                  help: "missing values are not zeros; choose years where the same industries are observed (`describe \(cube.name)`)")
            }
            return Diagnostic(.levelAnalysed, who, cube.name)
        }
        let when = measures.count == 1 ? Text.yearList(lacking.map { years[$0] }) : lacking.map(name).joined(separator: ", ")
        return Diagnostic(.hasNoData, who, cube.name, when,
                          help: "years with data for \(cube.region.labels[r]): \(hasText); missing is not zero — choose years where it is observed")
    }
}

extension Reference {
    /// Footer lines that matter for this reference: with one region's own row as the
    /// reference (`vs SE`), the regions left out of a level sum do not.
    public func relevant(_ notes: [String]) -> [String] {
        guard case .region = self else { return notes }
        return notes.filter { !$0.hasPrefix("regions left out (") }
    }
}

extension Cube {
    /// The years in which a region has at least one row with a number.
    public func distinctYearsOf(region r: Int32) -> [Int] {
        var seen = Set<Int>()
        let columns = measures.map(\.values)   // once: a measure's values may be read on first use
        for k in 0..<count where regionCodes[k] == r && columns.contains(where: { !$0[k].isNaN }) { seen.insert(Int(years[k])) }
        return seen.sorted()
    }
}

extension Text {
    /// `2007, 2008–2017, 2020`: runs of consecutive years as ranges.
    public static func yearList(_ ys: [Int]) -> String {
        var out: [String] = []
        var i = 0
        while i < ys.count {
            var j = i
            while j + 1 < ys.count && ys[j + 1] == ys[j] + 1 { j += 1 }
            out.append(j > i ? "\(ys[i])–\(ys[j])" : "\(ys[i])")
            i = j + 1
        }
        return out.joined(separator: ", ")
    }
}

/// The whole an analysis sums region totals over, and the columns it shows.
enum PartitionChoice {
    static func decide(present: [Int32], industries: IndustryChoice, dimension d: Dimension,
                       registry: Registry) throws(Diagnostic) -> (whole: IndustryPartition, shown: [Int32]) {
        switch industries {
        case .fixed(let codes, let text):
            let p = IndustryPartition(columns: codes, leftOut: [], description: text)
            return (p, codes)
        case .explicit(let codes):
            _ = try IndustryPartition.explicit(codes, dimension: d, registry: registry)
            var whole = IndustryPartition.finest(present: present, dimension: d, registry: registry)
            let listed = IndustryPartition.describe(codes, d)
            whole.description = "industries: \(listed) (as listed), each measured against the region's whole: "
                + whole.description.dropFirst("industries: ".count)
            return (whole, codes)
        case .finest:
            let whole = IndustryPartition.finest(present: present, dimension: d, registry: registry)
            // A lone total beside some of its parts (a file of `C` and `TOTAL`): the parts are
            // shown, each measured against the total.
            if whole.columns.count == 1, present.count > 1 {
                let t = whole.columns[0]
                let parts = IndustryPartition.finest(present: present.filter { $0 != t }, dimension: d, registry: registry)
                var w = whole
                w.description = "industries: " + IndustryPartition.describe(parts.columns, d) + ", each part of \(d.labels[Int(t)]) and measured against it (the file has no complete breakdown of \(d.labels[Int(t)]))"
                if !parts.leftOut.isEmpty { w.description += "; left out as aggregates or parts of others: " + IndustryPartition.describe(parts.leftOut, d) }
                return (w, parts.columns)
            }
            return (whole, whole.columns)
        case .level, .areas:
            let whole = IndustryPartition.finest(present: present, dimension: d, registry: registry)
            return (whole, whole.columns)
        }
    }
}
