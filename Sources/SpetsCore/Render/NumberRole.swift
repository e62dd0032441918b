// NumberRole.swift — what kind of number a column holds, for documents people publish:
// counts are shown whole, amounts in a unit (MSEK) with one decimal, shares and growth rates
// as percentages, indices (LQ and the like) with three decimals. The follow-up report and
// the Excel workbook format by it.

public enum NumberRole: Sendable { case key, count, amount, share, index }

extension Column {
    /// Growth rates (a share of the base) are percentages wherever they appear.
    public static let rateNames: Set<String> = ["required_growth", "trend_growth", "growth", "national_growth"]

    /// The column's role, or nil for text and codes.
    public var numberRole: NumberRole? {
        guard case .number(let v) = values else { return nil }
        if kind == .key { return .key }
        if isShare || Self.rateNames.contains(name) { return .share }
        if unit == "persons" || v.allSatisfy({ $0.isNaN || $0 == $0.rounded() }) { return .count }
        return unit != nil ? .amount : .index
    }
}
