// YearSlice.swift — one measure of one year as a dense region × industry matrix, the shape
// every cross-sectional analysis starts from. NaN marks a missing or absent cell.
import Glibc

public struct YearSlice {
    public let year: Int
    public let regions: Int
    public let industries: Int
    /// x[r * industries + i]
    public var x: [Double]
    /// Cells that appear in the data (present, possibly with a missing value).
    public var present: [Bool]
    /// Present cells whose value is missing.
    public var missing: Int
    /// Per cell, the source's flag (a code into `flagLabels`, 0 none); empty when the measure has none.
    public var flags: [UInt8] = []
    public var flagLabels: [String] = []

    /// `p (provisional) 3, e (estimated) 1`: the flags of the given cells, or nil when none.
    public func flagCounts(cells: some Sequence<Int>) -> String? {
        guard !flags.isEmpty else { return nil }
        var n = [Int](repeating: 0, count: flagLabels.count + 1)
        for c in cells { n[Int(flags[c])] += 1 }
        let counts = flagLabels.indices.compactMap { n[$0 + 1] > 0 ? (flagLabels[$0], n[$0 + 1]) : nil }
        return counts.isEmpty ? nil : CellFlags.describe(counts)
    }

    @inline(__always) public func at(_ r: Int, _ i: Int) -> Double { x[r * industries + i] }

    /// Builds the slice. A dataset with an extra dimension (unit, sex, …) that has more than
    /// one value in this year is refused: summing across it would add apples and pears —
    /// unless the dimension is summable (its values partition the whole).
    public static func build(_ cube: Cube, measure m: Int, year: Int) throws(Diagnostic) -> YearSlice {
        if let hit = SliceCache.shared.find(cube, m, year) { return hit }
        let slice = try scan(cube, measure: m, year: year)
        SliceCache.shared.keep(cube, m, year, slice)
        return slice
    }

    /// One pass over the rows of the dataset.
    static func scan(_ cube: Cube, measure m: Int, year: Int) throws(Diagnostic) -> YearSlice {
        guard let ind = cube.industry else {
            throw Diagnostic(.datasetHasNoIndustryDimension, cube.name,
                             help: "this analysis compares industries within regions; load a file with an industry column")
        }
        let nR = cube.region.count, nI = ind.count
        var x: [Double] = [], present: [Bool] = []
        var missing = 0
        var found = false
        var extraSeen = [Int32](repeating: -1, count: cube.extras.count)
        // A dimension with a total value present: the total stands for the whole, the other
        // values are left out (unless a `where` already chose one, and the total is gone).
        let useTotal = cube.totalsInUse
        let y32 = Int32(year)
        let measure = cube.measures[m]
        // Values still to be read from a workspace are read here, once, before any thread starts.
        if let s = measure.scaled { _ = s.words } else { _ = measure.values }
        // The loops below read the columns unchecked: every one must have a value a row (a
        // loader guarantees it; a workspace checks it on open — this is the last guard).
        for n in [cube.regionCodes.count, cube.industryCodes.count, measure.count] where n != cube.count {
            throw Diagnostic(.workspaceColumnWrongLength, cube.name, n, cube.count)
        }
        let sourceFlags = cube.measures[m].flags
        var cellFlags = [UInt8](repeating: 0, count: sourceFlags == nil ? 0 : nR * nI)
        // Halves only where the cells are fewer than the rows: each half has cells of its own
        // to fill and join, which on a sparse grid would cost more than the scan saves.
        if cube.extras.isEmpty, sourceFlags == nil, cube.count >= 1 << 20, nR * nI <= cube.count, Parallel.threads > 1,
           let h = halves(cube, measure, y32, cells: nR * nI) {
            (x, present, found) = h
        } else {
        x = [Double](repeating: .nan, count: nR * nI)
        present = [Bool](repeating: false, count: nR * nI)
        try cube.years.withWords { (ys) throws(Diagnostic) in try measure.withReader { (values) throws(Diagnostic) in
            rows: for k in 0..<ys.count where ys[k] == y32 {
                found = true
                for (j, t) in useTotal.enumerated() { if let t, cube.extraCodes[j][k] != t { continue rows } }
                for (j, codes) in cube.extraCodes.enumerated() where !cube.extras[j].summable && useTotal[j] == nil {
                    let c = codes[k]
                    if extraSeen[j] < 0 { extraSeen[j] = c } else if extraSeen[j] != c {
                        throw cube.severalValues(j, Set(codes.indices.filter { ys[$0] == y32 }.map { codes[$0] }), context: "in \(year)")
                    }
                }
                let cell = Int(cube.regionCodes[k]) * nI + Int(cube.industryCodes[k])
                // Rows that differ only in summable dimensions add up; a missing part makes the
                // sum missing (a partial total would understate it).
                let v = values[k]
                if !present[cell] { present[cell] = true; x[cell] = v } else { x[cell] += v }
                if let f = sourceFlags, f.codes[k] != 0, cellFlags[cell] == 0 { cellFlags[cell] = f.codes[k] }
            }
        } }
        }
        if !found {
            let ys = cube.distinctYears
            let span = ys.isEmpty ? "none" : (ys.count == 1 ? "\(ys[0])" : "\(ys.first!)–\(ys.last!)")
            throw Diagnostic(.noObservations, year, cube.name, help: "years in \(cube.name): \(span)")
        }
        for c in x.indices where present[c] && x[c].isNaN { missing += 1 }
        return YearSlice(year: year, regions: nR, industries: nI, x: x, present: present, missing: missing,
                         flags: cellFlags, flagLabels: sourceFlags?.labels ?? [])
    }
}

extension YearSlice {
    /// The rows in two halves on two threads (a dataset without extra dimensions or flags),
    /// each half's cells apart, then joined. Exact: nil — scan on one thread — when a cell has
    /// rows in both halves (its sum must be taken in row order) or a code is out of range.
    static func halves(_ cube: Cube, _ measure: Measure, _ y32: Int32, cells n: Int) -> (x: [Double], present: [Bool], found: Bool)? {
        let rows = cube.count, nI = cube.industry!.count
        func half(_ lo: Int, _ hi: Int) -> (x: [Double], present: [Bool], found: Bool, ok: Bool) {
            var x = [Double](repeating: .nan, count: n), present = [Bool](repeating: false, count: n)
            var found = false, ok = true
            cube.years.withWords { ys in cube.regionCodes.withWords { rc in
                cube.industryCodes.withWords { ic in measure.withReader { v in
                    x.withUnsafeMutableBufferPointer { x in present.withUnsafeMutableBufferPointer { p in
                        for k in lo..<hi where ys[k] == y32 {
                            found = true
                            let i = Int(ic[k]), cell = Int(rc[k]) * nI + i
                            guard i >= 0, i < nI, cell >= 0, cell < n else { ok = false; return }
                            if !p[cell] { p[cell] = true; x[cell] = v[k] } else { x[cell] += v[k] }
                        }
                    } }
                } }
            } }
            return (x, present, found, ok)
        }
        guard cube.regionCodes.count == rows, cube.industryCodes.count == rows, measure.count == rows else { return nil }
        var (a, b) = Parallel.halves(rows, half)   // a takes b's cells in place
        guard a.3, b.3 else { return nil }
        var clash = false
        a.0.withUnsafeMutableBufferPointer { xa in a.1.withUnsafeMutableBufferPointer { pa in
            b.0.withUnsafeBufferPointer { xb in b.1.withUnsafeBufferPointer { pb in
                for c in 0..<n where pb[c] {
                    if pa[c] { clash = true; return }
                    pa[c] = true; xa[c] = xb[c]
                }
            } }
        } }
        return clash ? nil : (a.0, a.1, a.2 || b.2)
    }
}

extension Cube {
    /// Per extra dimension, the total value that stands for the whole when it is present
    /// (rows with other values are left out of sums), else nil.
    public var totalsInUse: [Int32?] {
        extras.indices.map { j in extras[j].total.flatMap { t in extraCodes[j].contains(t) ? t : nil } }
    }

    /// The rows `rows` may be summed: a dimension that is neither summable nor has its total in
    /// use must have one value among them; rows off a dimension's total are dropped.
    public func summableRows(_ rows: [Int], context: String) throws(Diagnostic) -> [Int] {
        let totals = totalsInUse
        let kept = rows.filter { k in totals.enumerated().allSatisfy { j, t in t == nil || extraCodes[j][k] == t } }
        for (j, d) in extras.enumerated() where !d.summable && totals[j] == nil {
            let values = Set(kept.map { extraCodes[j][$0] })
            if values.count > 1 { throw severalValues(j, values, context: context) }
        }
        return kept
    }

    /// Summing across an extra dimension's values would add apples and pears: say which to pick.
    func severalValues(_ j: Int, _ codes: Set<Int32>, context: String) -> Diagnostic {
        let d = extras[j]
        let shown = codes.sorted().prefix(6).map { d.labels[Int($0)] }
        return Diagnostic(.datasetHasSeveralValues, name, d.name, context, shown.joined(separator: ", "),
                          help: "pick one first, e.g.  let \(name)1 = \(name) | where \(d.name) = \"\(shown[0])\"")
    }
}

/// The last few slices built, so that repeated questions about one year — `compare` running
/// its verb once per region, `lq` then `specialisation` — read the dataset's rows once, not
/// once each (on a 12-million-row panel a scan is tens of milliseconds). Keyed by the
/// dataset object, which never changes (a load, a filter or a group makes a new one), and
/// held weakly, so a replaced dataset is not kept alive by its slices.
final class SliceCache: @unchecked Sendable {
    static let shared = SliceCache()
    static let capacity = 8

    private struct Entry { weak var cube: Cube?; let measure: Int; let year: Int; let slice: YearSlice }
    private var entries: [Entry] = []   // most recent last
    private var lock = pthread_mutex_t()

    init() { pthread_mutex_init(&lock, nil) }

    func find(_ cube: Cube, _ m: Int, _ year: Int) -> YearSlice? {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        guard let i = entries.firstIndex(where: { $0.cube === cube && $0.measure == m && $0.year == year }) else { return nil }
        let e = entries.remove(at: i)
        entries.append(e)
        return e.slice
    }

    func keep(_ cube: Cube, _ m: Int, _ year: Int, _ slice: YearSlice) {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        entries.removeAll { $0.cube == nil }
        entries.append(Entry(cube: cube, measure: m, year: year, slice: slice))
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }
}
