// Table.swift — the one result type: typed columns plus a footer. Every verb returns one,
// every pipe stage takes one, every renderer draws one.

public enum ColumnValues {
    /// Numbers; NaN is a missing value (drawn as `–`).
    case number([Double])
    case text([String])
    /// Codes of a dimension: cheap to build for millions of rows; renders the code in
    /// CSV/JSON and the display name in tables for people.
    case coded(CodeColumn, Dimension)
}

public struct Column {
    public enum Kind: Sendable { case key, value }
    public var name: String
    public var unit: String?
    public var values: ColumnValues
    /// Decimals for tables meant for people; nil means automatic (integers as integers).
    public var decimals: Int?
    public var kind: Kind
    /// Keep the name as it is in CSV/JSON (region codes as column names in `compare`).
    public var literalName = false
    /// What a generic column holds, for chart axes (the `value` of a projection is
    /// `kis_share (share se.employment of kis)`); CSV and JSON keep the name.
    public var label: String? = nil
    /// The values are shares (0–1): charts draw percent axes and reports percentages.
    public var isShare = false

    /// The name in CSV/JSON: stable snake_case English, or the literal name.
    public var machineName: String { literalName ? name : Text.snakeCase(name) }

    public init(_ name: String, _ values: ColumnValues, unit: String? = nil, decimals: Int? = nil, kind: Kind = .value) {
        self.name = name; self.values = values; self.unit = unit; self.decimals = decimals; self.kind = kind
    }

    public var count: Int {
        switch values {
        case .number(let v): return v.count
        case .text(let v): return v.count
        case .coded(let v, _): return v.count
        }
    }

    public var isNumeric: Bool { if case .number = values { return true } else { return false } }

    public func number(_ row: Int) -> Double? {
        if case .number(let v) = values { return v[row] }
        return nil
    }

    /// The stable machine text of a cell (codes, exact numbers, empty for missing).
    public func machineText(_ row: Int) -> String {
        switch values {
        case .number(let v): return v[row].isNaN ? "" : NumberFormatting.exact(v[row])
        case .text(let v): return v[row]
        case .coded(let c, let d): return d.labels[Int(c[row])]
        }
    }

    /// Gathers the given rows.
    public func take(_ rows: [Int]) -> Column {
        var c = self
        switch values {
        case .number(let v): c.values = .number(rows.map { v[$0] })
        case .text(let v): c.values = .text(rows.map { v[$0] })
        case .coded(let v, let d): c.values = .coded(CodeColumn(rows.map { v[$0] }), d)
        }
        return c
    }
}

/// Which columns add up to which (decompositions): what a stacked chart needs and column
/// names alone do not say. Survives `where`, `sort`, `top` and `select`.
public struct ColumnParts: Equatable, Sendable {
    public var components: [String]
    /// The column the components sum to; nil when the sum is not a column of its own.
    public var total: String?
    public init(components: [String], total: String? = nil) { self.components = components; self.total = total }
}

public struct Table {
    public var columns: [Column]
    public var parts: ColumnParts? = nil
    /// Method, reference, conventions, missing cells: printed under the table, kept in exports.
    public var footer: [String]
    public var title: String?

    public init(columns: [Column], footer: [String] = [], title: String? = nil) {
        self.columns = columns; self.footer = footer; self.title = title
    }

    public var rowCount: Int { columns.first?.count ?? 0 }

    public func columnIndex(_ name: String) -> Int? {
        if let i = columns.firstIndex(where: { $0.name == name }) { return i }
        let f = Text.fold(name)
        return columns.firstIndex { Text.fold($0.name) == f || Text.snakeCase($0.name) == Text.snakeCase(name) }
    }

    public func take(_ rows: [Int]) -> Table {
        var t = Table(columns: columns.map { $0.take(rows) }, footer: footer, title: title)
        t.parts = parts
        return t
    }

    public static func message(_ lines: [String]) -> Table {
        Table(columns: [Column("message", .text(lines))])
    }
}
