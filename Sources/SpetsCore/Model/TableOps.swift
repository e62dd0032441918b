// TableOps.swift — the generic pipe stages on a Table: filter, sort, head, select, summarise.

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

extension Table {
    /// Rows whose flag is true, in order.
    public func filter(_ keep: [Bool]) -> Table {
        var rows: [Int] = []
        rows.reserveCapacity(keep.count)
        for (i, k) in keep.enumerated() where k { rows.append(i) }
        return take(rows)
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
                    var vals: [Double] = []
                    vals.reserveCapacity(v.count)
                    for x in v where !x.isNaN { vals.append(x) }
                    skipped = Swift.max(skipped, v.count - vals.count)
                    result = Self.aggregate(call.function, vals)
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

    static func aggregate(_ f: Aggregate, _ v: [Double]) -> Double {
        switch f {
        case .count: return Double(v.count)
        case .sum: return kahanSum(v)
        case .mean: return v.isEmpty ? .nan : kahanSum(v) / Double(v.count)
        case .median:
            if v.isEmpty { return .nan }
            let s = v.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        case .min: return v.min() ?? .nan
        case .max: return v.max() ?? .nan
        }
    }
}

/// Compensated (Neumaier) summation: totals over millions of cells stay exact to the last
/// digit printed, and do not depend on the order of a different but equal input.
public func kahanSum(_ v: [Double]) -> Double {
    var s = 0.0, c = 0.0
    for x in v {
        let t = s + x
        if abs(s) >= abs(x) { c += (s - t) + x } else { c += (x - t) + s }
        s = t
    }
    return s + c
}
