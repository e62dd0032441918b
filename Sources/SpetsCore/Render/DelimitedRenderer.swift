// DelimitedRenderer.swift — CSV: snake_case header, codes not names, exact numbers, empty
// for missing; quoted only when needed (RFC 4180).

enum DelimitedRenderer {
    static func csv(_ t: Table) -> String {
        var out = t.columns.map { quote($0.machineName) }.joined(separator: ",") + "\n"
        for r in 0..<t.rowCount {
            out += t.columns.map { quote($0.machineText(r)) }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}
