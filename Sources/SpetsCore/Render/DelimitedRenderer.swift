// DelimitedRenderer.swift — CSV: snake_case header, codes not names, exact numbers, empty
// for missing; quoted only when needed (RFC 4180). Written as bytes, row by row, into a
// ByteSink: labels of coded columns are quoted once per dictionary entry, not once per cell.

enum DelimitedRenderer {
    static func csv(_ t: Table, inert: Bool = false) -> String {
        let sink = ByteSink()
        try! write(t, to: sink, inert: inert)   // a sink without `emit` never throws
        return sink.text
    }

    static func write(_ t: Table, to sink: ByteSink, inert: Bool = false) throws(Diagnostic) {
        let quote = { (s: String) in Self.quote(inert ? Self.inert(s) : s) }
        sink.append(t.columns.map { quote($0.machineName) }.joined(separator: ","))
        sink.append(10)
        // Coded columns: each label's bytes, prepared once.
        let labels: [[[UInt8]]?] = t.columns.map { c in
            if case .coded(_, let d) = c.values { return d.labels.map { Array(quote($0).utf8) } }
            return nil
        }
        let n = t.rowCount
        for r in 0..<n {
            for (k, c) in t.columns.enumerated() {
                if k > 0 { sink.append(44) }
                switch c.values {
                case .number(let v): if !v[r].isNaN { sink.appendExact(v[r]) }
                case .text(let v): sink.append(quote(v[r]))
                case .coded(let codes, _): sink.append(labels[k]![Int(codes[r])])
                }
            }
            sink.append(10)
            try sink.rowDone(r, of: n)
        }
    }

    /// A text a spreadsheet would evaluate (`=cmd|' /C calc'!A0`) with a `'` before it.
    static func inert(_ s: String) -> String {
        guard let f = s.unicodeScalars.first, f == "=" || f == "+" || f == "-" || f == "@" || f == "\t" || f == "\r" else { return s }
        return "'" + s
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}
