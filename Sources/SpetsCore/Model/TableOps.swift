// TableOps.swift — the generic pipe stages on a Table: keep rows, sort, head, select, summarise.

public enum Aggregate: String, CaseIterable, Sendable {
    case count, sum, mean, median, min, max
}

public struct AggregateCall {
    public var function: Aggregate
    public var column: String?
    public init(_ function: Aggregate, _ column: String?) { self.function = function; self.column = column }
    /// The result column's name: `count`, `sum_lq`, `mean_employment`.
    public var outputName: String {
        guard let c = column else { return function.rawValue }
        return function.rawValue + "_" + Text.snakeCase(c)
    }
}

extension Array {
    /// The elements whose flag is true, in order; `count` is how many flags are true.
    public func kept(_ keep: [Bool], count: Int) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        withUnsafeBufferPointer { v in
            keep.withUnsafeBufferPointer { k in for i in 0..<Swift.min(v.count, k.count) where k[i] { out.append(v[i]) } }
        }
        return out
    }
}

extension ColumnValues {
    public func kept(_ keep: [Bool], count: Int) -> ColumnValues {
        switch self {
        case .number(let v): return .number(v.kept(keep, count: count))
        case .text(let v): return .text(v.kept(keep, count: count))
        case .coded(let v, let d): return .coded(v.kept(keep, count: count), d)
        }
    }
}

extension Table {
    /// Keeps the rows whose flag is true, a column at a time: an old column is let go as its
    /// replacement is made, so a table held only here never exists twice (a `where` on a
    /// 12-million-row dataset: one column's worth of extra memory, not the table's plus an
    /// index of the rows).
    public mutating func keepRows(_ keep: [Bool]) {
        let n = keep.reduce(0) { $0 + ($1 ? 1 : 0) }
        for c in columns.indices {
            let old = columns[c].values
            columns[c].values = .text([])
            columns[c].values = old.kept(keep, count: n)
        }
    }

    /// A stable sort on one column; missing values go last in either direction.
    public func sorted(by col: Int, descending: Bool) -> Table {
        var rows = Array(0..<rowCount)
        let c = columns[col]
        switch c.values {
        case .number(let v):
            rows.sort { a, b in
                let x = v[a], y = v[b]
                if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN ? true : (x.isNaN == y.isNaN ? a < b : false) }
                if x == y { return a < b }
                return descending ? x > y : x < y
            }
        case .text, .coded:
            let text = (0..<rowCount).map { c.machineText($0) }
            rows.sort { a, b in
                if text[a] == text[b] { return a < b }
                return descending ? text[a] > text[b] : text[a] < text[b]
            }
        }
        return take(rows)
    }

    public func head(_ n: Int) -> Table { take(Array(0..<Swift.min(Swift.max(n, 0), rowCount))) }

    public func select(_ cols: [Int]) -> Table {
        var t = Table(columns: cols.map { columns[$0] }, footer: footer, title: title)
        t.parts = parts
        return t
    }

    /// One row of aggregates. Missing values are skipped and the footer says how many.
    public func summarise(_ calls: [AggregateCall], columnIndex: [Int?]) -> Table {
        var out: [Column] = []
        var skipped = 0
        for (k, call) in calls.enumerated() {
            var result = Double.nan
            if call.function == .count && columnIndex[k] == nil {
                result = Double(rowCount)
            } else if let ci = columnIndex[k] {
                let col = columns[ci]
                if case .number(let v) = col.values {
                    let (value, used) = Self.aggregate(call.function, skippingMissing: v)
                    skipped = Swift.max(skipped, v.count - used)
                    result = value
                } else {
                    // Counting non-empty text/code cells is the only aggregate on text.
                    result = Double(col.count)
                }
            }
            var c = Column(call.outputName, .number([result]))
            if call.function == .count { c.decimals = 0 } else if let ci = columnIndex[k] {
                c.unit = columns[ci].unit
                c.decimals = columns[ci].decimals
            }
            out.append(c)
        }
        var f = footer
        if skipped > 0 { f.append("missing values skipped: \(skipped)") }
        return Table(columns: out, footer: f, title: title)
    }

    /// The aggregate of the values that are not missing, and how many there were. One pass
    /// with no copy (a sum over a 12-million-row column must not allocate 96 MB); only the
    /// median gathers the values to sort them.
    static func aggregate(_ f: Aggregate, skippingMissing v: [Double]) -> (value: Double, used: Int) {
        if f == .median {
            let s = v.filter { !$0.isNaN }.sorted()
            if s.isEmpty { return (.nan, 0) }
            return (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2, s.count)
        }
        var n = 0, sum = NeumaierSum(), lo = Double.infinity, hi = -Double.infinity
        for x in v where !x.isNaN {
            n += 1
            sum.add(x)
            if x < lo { lo = x }   // ties keep the first, as Array.min/max do (0 and -0)
            if x > hi { hi = x }
        }
        switch f {
        case .count: return (Double(n), n)
        case .sum: return (sum.value, n)
        case .mean: return (n == 0 ? .nan : sum.value / Double(n), n)
        case .min: return (n == 0 ? .nan : lo, n)
        case .max: return (n == 0 ? .nan : hi, n)
        case .median: return (.nan, n)   // handled above
        }
    }
}

/// Compensated (Neumaier) summation, one value at a time: totals over millions of cells stay
/// exact to the last digit printed.
public struct NeumaierSum {
    private var s = 0.0, c = 0.0
    public init() {}
    @inline(__always) public mutating func add(_ x: Double) {
        let t = s + x
        if abs(s) >= abs(x) { c += (s - t) + x } else { c += (x - t) + s }
        s = t
    }
    public var value: Double { s + c }

    /// The compensated total of `v` (what `summarise sum(…)` gives; tests use it as the reference).
    public static func total(_ v: [Double]) -> Double {
        var s = NeumaierSum()
        for x in v { s.add(x) }
        return s.value
    }
}
