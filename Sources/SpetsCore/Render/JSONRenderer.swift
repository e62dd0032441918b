// JSONRenderer.swift — {"columns": [...], "rows": [{...}], "footer": [...]}: snake_case keys,
// exact numbers, null for missing, one row per line so diffs stay readable.

enum JSONRenderer {
    static func render(_ t: Table) -> String {
        let sink = ByteSink()
        try! write(t, to: sink)   // a sink without `emit` never throws
        return sink.text
    }

    static func write(_ t: Table, to sink: ByteSink) throws(Diagnostic) {
        let keys = t.columns.map { Array((string($0.machineName) + ": ").utf8) }
        sink.append("{\"columns\": [" + t.columns.map { string($0.machineName) }.joined(separator: ", ") + "],\n \"rows\": [")
        let labels: [[[UInt8]]?] = t.columns.map { c in
            if case .coded(_, let d) = c.values { return d.labels.map { Array(string($0).utf8) } }
            return nil
        }
        let n = t.rowCount
        for r in 0..<n {
            sink.append(r == 0 ? "\n  {" : ",\n  {")
            for (k, c) in t.columns.enumerated() {
                if k > 0 { sink.append(", ") }
                sink.append(keys[k])
                switch c.values {
                case .number(let x): if x[r].isNaN { sink.append("null") } else { sink.appendExact(x[r]) }
                case .text(let v): sink.append(string(v[r]))
                case .coded(let codes, _): sink.append(labels[k]![Int(codes[r])])
                }
            }
            sink.append(125)
            try sink.rowDone(r, of: n)
        }
        sink.append(n == 0 ? "],\n" : "\n ],\n")
        sink.append(" \"footer\": [" + t.footer.map(string).joined(separator: ", ") + "]}\n")
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
