// JSONRenderer.swift — {"columns": [...], "rows": [{...}], "footer": [...]}: snake_case keys,
// exact numbers, null for missing, one row per line so diffs stay readable.

enum JSONRenderer {
    static func render(_ t: Table) -> String {
        let keys = t.columns.map(\.machineName)
        var out = "{\"columns\": [" + keys.map(string).joined(separator: ", ") + "],\n \"rows\": ["
        for r in 0..<t.rowCount {
            out += r == 0 ? "\n  {" : ",\n  {"
            out += t.columns.indices.map { c -> String in
                let col = t.columns[c]
                let v: String
                switch col.values {
                case .number(let x): v = x[r].isNaN ? "null" : NumberFormatting.exact(x[r])
                default: v = string(col.machineText(r))
                }
                return string(keys[c]) + ": " + v
            }.joined(separator: ", ") + "}"
        }
        out += t.rowCount == 0 ? "],\n" : "\n ],\n"
        out += " \"footer\": [" + t.footer.map(string).joined(separator: ", ") + "]}\n"
        return out
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
