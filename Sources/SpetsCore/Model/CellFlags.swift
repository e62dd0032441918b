// CellFlags.swift — what a source says about single cells: Eurostat's flags (`3.16 p`,
// `: c`), JSON-stat `status`, PC-Axis data symbols (`..`, `-`). One byte per row (0: none),
// kept only for measures that have any, so a flagless 12-million-row panel pays nothing.

public struct CellFlags: Equatable, Sendable {
    /// The distinct flags as the source wrote them; code k means labels[k − 1].
    public var labels: [String]
    public var codes: [UInt8]

    public init(labels: [String], codes: [UInt8]) { self.labels = labels; self.codes = codes }

    /// At most 255 distinct flags; further ones share the last label.
    public static let maxLabels = 255

    /// Rows appended after the flagged ones (aggregate regions) carry no flag of their own.
    func padded(to n: Int) -> CellFlags {
        CellFlags(labels: labels, codes: codes + [UInt8](repeating: 0, count: max(0, n - codes.count)))
    }

    /// Counts per label, in label order, of the rows given (all rows when nil).
    public func counts(rows: [Int]? = nil) -> [(String, Int)] {
        var n = [Int](repeating: 0, count: labels.count + 1)
        if let rows { for r in rows { n[Int(codes[r])] += 1 } } else { for c in codes { n[Int(c)] += 1 } }
        return labels.indices.compactMap { n[$0 + 1] > 0 ? (labels[$0], n[$0 + 1]) : nil }
    }

    /// `p 12, e 3` with the meaning of Eurostat's and SCB's usual flags where known.
    public static func describe(_ counts: [(String, Int)]) -> String {
        counts.map { label, n in
            let meaning = Self.meanings[label].map { " (\($0))" } ?? ""
            return "\(label)\(meaning) \(n)"
        }.joined(separator: ", ")
    }

    /// Eurostat's flag letters and the PC-Axis symbols SCB uses most.
    static let meanings: [String: String] = [
        "b": "break in series", "c": "confidential", "d": "definition differs", "e": "estimated",
        "f": "forecast", "n": "not significant", "p": "provisional", "r": "revised",
        "s": "Eurostat estimate", "u": "low reliability", "z": "not applicable",
        "..": "not available", "-": "nil", ".": "not applicable",
    ]
}

/// Collects flags row by row while a loader reads (labels interned as they come).
public struct CellFlagsBuilder {
    var labels: [String] = []
    var index: [String: UInt8] = [:]
    var codes: [UInt8] = []
    var any = false

    public init() {}

    /// Row `row` carries `flag` (empty: none). Rows must come in order, or be set by index.
    public mutating func set(_ row: Int, _ flag: String) {
        if codes.count <= row { codes.append(contentsOf: [UInt8](repeating: 0, count: row + 1 - codes.count)) }
        guard !flag.isEmpty else { return }
        let code: UInt8
        if let c = index[flag] { code = c } else if labels.count < CellFlags.maxLabels {
            labels.append(flag); code = UInt8(labels.count); index[flag] = code
        } else { code = UInt8(CellFlags.maxLabels) }
        codes[row] = code
        any = true
    }

    /// The flags of `rows` rows, or nil when no row had one.
    public func build(rows: Int) -> CellFlags? {
        guard any else { return nil }
        return CellFlags(labels: labels, codes: codes + [UInt8](repeating: 0, count: max(0, rows - codes.count)))
    }
}
