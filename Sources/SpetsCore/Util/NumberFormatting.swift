// NumberFormatting.swift — explicit, locale-stable number text (no Foundation formatters).

public enum NumberFormatting {
    /// Shortest text that reads back as the same Double; integers without `.0`.
    /// Used for CSV/JSON so exported numbers are exact and byte-stable.
    public static func exact(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 {
            if v == 0 { return "0" }
            return String(Int64(v))
        }
        return v.description
    }

    /// Fixed decimals, optional thousands grouping, for tables meant for people.
    /// `group` is the separator (`,` in English tables; a space in Swedish).
    public static func fixed(_ v: Double, decimals: Int, group: String = ",", decimalMark: String = ".") -> String {
        let d = max(0, min(decimals, 12))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let neg = v < 0
        let a = abs(v)
        if a >= 1e17 { return (neg ? "-" : "") + a.description }
        // Round half away from zero on the scaled value; integer part and fraction separately.
        let scaled = (a * scale).rounded(.toNearestOrAwayFromZero)
        var intPart = (scaled / scale).rounded(.towardZero)
        var frac = scaled - intPart * scale
        if frac >= scale { intPart += 1; frac -= scale }
        if frac < 0 { frac = 0 }
        let digits = String(UInt64(intPart))
        var grouped = ""
        let cs = Array(digits)
        for (i, c) in cs.enumerated() {
            if i > 0 && (cs.count - i) % 3 == 0 { grouped += group }
            grouped.append(c)
        }
        var out = (neg && (intPart != 0 || frac != 0)) ? "-" + grouped : grouped
        if d > 0 {
            var f = String(UInt64(frac))
            while f.count < d { f = "0" + f }
            out += decimalMark + f
        }
        return out
    }
}
