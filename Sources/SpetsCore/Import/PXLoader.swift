// PXLoader.swift — `load` for PC-Axis (.px) files as SCB's statistical database serves them:
// language choice, code page, STUB/HEADING order, CODES/VALUES, TIMEVAL, CONTVARIABLE
// (several measures), KEYS (sparse rows), data symbols. All-or-nothing like the CSV loader.

public enum PXLoader {
    /// A file is PC-Axis when its name ends in .px or its first keyword is one PC-Axis starts with.
    public static func recognises(path: String, head: [UInt8]) -> Bool {
        if path.lowercased().hasSuffix(".px") { return true }
        let start = String(decoding: head.prefix(40), as: UTF8.self).uppercased()
        return ["CHARSET=", "AXIS-VERSION=", "CODEPAGE=", "LANGUAGE="].contains { start.hasPrefix($0) }
    }

    public static func load(path: String, name: String, options: LoadOptions = LoadOptions(),
                            registry: Registry? = nil) throws(Diagnostic) -> Cube {
        try FileIO.withBytes(path) { (b) throws(Diagnostic) -> Cube in try load(b, path: path, name: name, options: options, registry: registry) }
    }

    static func load(_ b: UnsafeBufferPointer<UInt8>, path: String, name: String, options: LoadOptions,
                     registry: Registry?) throws(Diagnostic) -> Cube {
        var t = DenseTable(path: path)
        let encoding = chooseEncoding(b, warnings: &t.warnings)
        t.notes.append("PC-Axis, text read as \(encoding.rawValue)")
        let decode: (UnsafeBufferPointer<UInt8>) -> String = encoding == .utf8
            ? { String(decoding: $0, as: UTF8.self) } : { Text.windows1252($0) }
        let px = try PXFile.parse(b, path: path, decode: decode)
        let meta = try Metadata(px, path: path, language: options.mapping["language"])
        t.notes.append(contentsOf: meta.languageNotes)
        guard meta.first("MATRIX") != nil else {
            throw Diagnostic(.fileHasNoMatrixKeyword,
                             location: FileLocation(file: path, line: 1), help: "MATRIX names the table, e.g. MATRIX=\"BE0101A1\";")
        }
        t.axes = try meta.variables(path: path, warnings: &t.warnings)
        let vars = t.axes
        for (k, v) in vars.enumerated() {
            // ELIMINATION=YES: the values partition the whole, so analyses may sum over them.
            // (ELIMINATION="total" names a value that already is the sum: not summable.)
            let e = meta.first("ELIMINATION", args: [v.name])
            t.axes[k].summable = e?.items == [.word("YES")]
            if let e, case .string(let value)? = e.items.first {
                t.axes[k].total = v.names.firstIndex(of: value) ?? v.labels.firstIndex(of: value)
                if t.axes[k].total == nil { t.warnings.append("line \(e.line): ELIMINATION(\"\(v.name)\") names `\(value)`, which is not one of its values") }
            }
        }
        let total = try t.cellCount(what: { "VALUES(\"\($0)\")" })

        // Roles: a CONTVARIABLE's values are measures; TIMEVAL names time, MAP the regions.
        t.contents = try meta.first("CONTVARIABLE").map { (e) throws(Diagnostic) -> Int in
            guard let i = vars.firstIndex(where: { $0.name == e.text }) else {
                throw Diagnostic(.contvariableNamesWhichStubHeading, e.text,
                                 location: FileLocation(file: path, line: e.line))
            }
            return i
        }
        if let e = meta.entries("TIMEVAL").first, let i = vars.firstIndex(where: { e.args.first == $0.name }) {
            t.timeHint = i
            t.timeKind = e.texts.first { $0.uppercased().hasPrefix("TLIST") }
            let listed = e.items.dropFirst().count
            if listed > 0 && listed != vars[i].labels.count && !e.text.contains("-") {
                t.warnings.append("line \(e.line): TIMEVAL lists \(listed) periods but VALUES(\"\(vars[i].name)\") has \(vars[i].labels.count); the VALUES are used")
            }
        }
        if let e = meta.entries("MAP").first { t.regionHint = vars.firstIndex { e.args.first == $0.name } }
        if let c = t.contents {
            t.units = vars[c].names.indices.map { k in meta.first("UNITS", args: [vars[c].names[k]])?.text ?? meta.first("UNITS", args: [vars[c].labels[k]])?.text }
        } else {
            t.measureName = meta.first("CONTENTS")?.text
            t.units = [meta.first("UNITS")?.text]
        }

        // Data values, cell by cell in STUB-then-HEADING order (the last variable fastest).
        try t.checkAllocatable(total)
        let keyVars = meta.entries("KEYS").compactMap { e in vars.firstIndex { $0.name == e.args.first }.map { ($0, e.text.uppercased()) } }
        // Every value takes at least two bytes (a digit and a separator): a dense DATA section
        // too short for the declared cells is refused before they are allocated.
        let room = (b.count - px.dataStart + 1) / 2
        if keyVars.isEmpty && total > room {
            throw Diagnostic(.pxCellsExceedRoom, total, vars.map { String($0.labels.count) }.joined(separator: " × "), room,
                             location: FileLocation(file: path, line: px.dataLine), help: "check VALUES against the data, or download the table again")
        }
        t.data = [Double](repeating: .nan, count: total)
        var symbols: [String: Int] = [:]
        if keyVars.isEmpty {
            try readDense(b, px, path: path, decode: decode, into: &t.data, symbols: &symbols, flags: &t.flags, sizes: vars.map(\.labels.count))
        } else {
            let absent = try readKeyed(b, px, path: path, decode: decode, into: &t.data, symbols: &symbols, flags: &t.flags, vars: vars, keys: keyVars)
            if absent > 0 { t.notes.append("KEYS layout: \(absent) absent rows read as 0") }
        }
        let missing = t.data.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        t.notes.append("\(total) cells declared and read" + (missing > 0 ? ", \(missing) missing" : "")
                     + (symbols.isEmpty ? "" : " (symbols " + symbols.keys.sorted().map { "\"\($0)\"×\(symbols[$0]!)" }.joined(separator: ", ") + ")"))
        for key in ["TITLE", "SOURCE", "CONTENTS"] { if let e = meta.first(key) { t.trailingNotes.append(key.lowercased() + ": " + e.text) } }
        for e in meta.entries("HIERARCHIES") {
            let pairs = e.items.filter { $0 == .word(":") }.count
            t.trailingNotes.append("hierarchy of \(e.args.first ?? "?"): \(pairs) parent–child links (kept in the file; levels are not split)")
        }
        for e in meta.entries("NOTE") + meta.entries("NOTEX") where e.args.isEmpty { t.trailingNotes.append("note: " + e.text) }
        return try t.cube(name: name, options: options, registry: registry)
    }

    /// The declared code page, unless the bytes say otherwise: a file that declares a one-byte
    /// code page but is valid UTF-8 with non-ASCII text was re-saved as UTF-8 (and vice versa).
    static func chooseEncoding(_ b: UnsafeBufferPointer<UInt8>, warnings: inout [String]) -> PXFile.Encoding {
        var declared = PXFile.Encoding.cp1252
        var declaredText = "Windows-1252 (the PC-Axis default)"
        let key = Array("CODEPAGE=\"".utf8)
        if let at = (0..<max(0, min(b.count, 8192) - key.count)).first(where: { i in key.indices.allSatisfy { b[i + $0] == key[$0] } }) {
            let v = String(decoding: UnsafeBufferPointer(rebasing: b[(at + key.count)...]).prefix { $0 != 34 && $0 != 10 }, as: UTF8.self).uppercased()
            declaredText = v
            declared = v.contains("UTF") ? .utf8 : .cp1252
        }
        var ascii = true
        for x in b where x >= 0x80 { ascii = false; break }
        if ascii { return declared }
        let validUTF8 = String(validating: b, as: UTF8.self) != nil
        if declared != .utf8 && validUTF8 {
            warnings.append("the file declares \(declaredText) but its bytes are UTF-8; read as UTF-8")
            return .utf8
        }
        if declared == .utf8 && !validUTF8 {
            warnings.append("the file declares UTF-8 but its bytes are not; read as Windows-1252")
            return .cp1252
        }
        return declared
    }

    /// One DATA token: a number, or a quoted symbol (`".."` missing, `"-"` nil = 0).
    enum Cell { case number(Double), symbol(String), end }

    struct DataReader {
        let b: UnsafeBufferPointer<UInt8>
        var pos: Int
        var line: Int
        var lineStart: Int
        let path: String
        let decode: (UnsafeBufferPointer<UInt8>) -> String

        mutating func skip() {
            while pos < b.count, b[pos] == 32 || b[pos] == 9 || b[pos] == 10 || b[pos] == 13 || b[pos] == 44 {
                if b[pos] == 10 { line += 1; lineStart = pos + 1 }
                pos += 1
            }
        }

        var location: FileLocation { FileLocation(file: path, line: line, column: pos - lineStart + 1) }

        mutating func quoted() throws(Diagnostic) -> String {
            let at = location
            pos += 1
            let s = pos
            while pos < b.count, b[pos] != 34, b[pos] != 10 { pos += 1 }
            guard pos < b.count, b[pos] == 34 else {
                throw Diagnostic(.dataQuotedSymbolClosedLine, location: at, help: "write symbols as \"..\"")
            }
            pos += 1
            return decode(UnsafeBufferPointer(rebasing: b[s..<(pos - 1)]))
        }

        mutating func next() throws(Diagnostic) -> Cell {
            skip()
            guard pos < b.count, b[pos] != 59 else { return .end }
            if b[pos] == 34 { return .symbol(try quoted()) }
            let s = pos
            while pos < b.count, !(b[pos] == 32 || b[pos] == 9 || b[pos] == 10 || b[pos] == 13 || b[pos] == 44 || b[pos] == 59) { pos += 1 }
            let n = pos - s
            if let v = NumberParsing.parse(b.baseAddress! + s, n, .point) { return .number(v) }
            let tok = String(decoding: UnsafeBufferPointer(rebasing: b[s..<pos]), as: UTF8.self)
            if tok.allSatisfy({ $0 == "." }) || tok == "-" || tok == ":" { return .symbol(tok) }
            pos = s
            throw Diagnostic(.dataNumber, tok.prefix(40), location: location,
                             help: "values are numbers separated by spaces; symbols are quoted, like \"..\"")
        }
    }

    static func store(_ cell: Cell, _ k: Int, _ data: inout [Double], _ symbols: inout [String: Int], _ flags: inout CellFlagsBuilder) {
        switch cell {
        case .number(let v): data[k] = v
        case .symbol(let s):
            symbols[s, default: 0] += 1
            flags.set(k, s)   // the symbol stays with its cell
            data[k] = s == "-" ? 0 : .nan   // "-" is DATASYMBOLNIL: zero by definition
        case .end: break
        }
    }

    static func readDense(_ b: UnsafeBufferPointer<UInt8>, _ px: PXFile, path: String, decode: @escaping (UnsafeBufferPointer<UInt8>) -> String, into data: inout [Double],
                          symbols: inout [String: Int], flags: inout CellFlagsBuilder, sizes: [Int]) throws(Diagnostic) {
        var r = DataReader(b: b, pos: px.dataStart, line: px.dataLine, lineStart: px.dataStart, path: path, decode: decode)
        var k = 0
        while true {
            if k & 0xFFFF == 0 { try Diagnostic.checkInterrupt() }
            let c = try r.next()
            if case .end = c { break }
            guard k < data.count else {
                throw Diagnostic(.pxDataTooLong, data.count, sizes.map(String.init).joined(separator: " × "),
                                 location: r.location, help: "check VALUES against the data, or a missing ; at the end of DATA")
            }
            store(c, k, &data, &symbols, &flags)
            k += 1
        }
        if k < data.count {
            throw Diagnostic(.pxDataCountDiffers, k, data.count, sizes.map(String.init).joined(separator: " × "),
                             location: r.location, help: "the file is truncated or VALUES lists more values than the data has")
        }
    }

    /// KEYS layout: each line names its leading stub values, then the rest of the row. Rows
    /// that are absent are zero (the convention of PC-Axis writers, which omit zero rows).
    static func readKeyed(_ b: UnsafeBufferPointer<UInt8>, _ px: PXFile, path: String, decode: @escaping (UnsafeBufferPointer<UInt8>) -> String, into data: inout [Double],
                          symbols: inout [String: Int], flags: inout CellFlagsBuilder, vars: [DenseTable.Axis], keys: [(Int, String)]) throws(Diagnostic) -> Int {
        let keyIdx = keys.map(\.0)
        guard keyIdx == Array(0..<keyIdx.count) else {
            throw Diagnostic(.pxKeysOrder, keyIdx.map { vars[$0].name }.joined(separator: ", "),
                             location: FileLocation(file: path, line: px.dataLine))
        }
        let width = vars[keyIdx.count...].reduce(1) { $0 * $1.labels.count }
        var filled = [Bool](repeating: false, count: data.count / width)
        var r = DataReader(b: b, pos: px.dataStart, line: px.dataLine, lineStart: px.dataStart, path: path, decode: decode)
        while true {
            try Diagnostic.checkInterrupt()
            r.skip()
            guard r.pos < b.count, b[r.pos] != 59 else { break }
            var block = 0
            for (v, how) in keys {
                r.skip()
                let at = r.location
                guard r.pos < b.count, b[r.pos] == 34 else {
                    throw Diagnostic(.dataExpectedQuotedKeyStart, vars[v].name, location: at)
                }
                let key = try r.quoted()
                let list = how == "CODES" ? vars[v].labels : vars[v].names
                guard let i = list.firstIndex(of: key) else {
                    throw Diagnostic(.dataKeyValue, key, vars[v].name, location: at,
                                     candidates: Text.suggestions(for: key, among: list))
                }
                block = block * vars[v].labels.count + i
            }
            if filled[block] {
                throw Diagnostic(.dataKeyRowGivenTwice, location: r.location)
            }
            filled[block] = true
            for j in 0..<width {
                let c = try r.next()
                if case .end = c {
                    throw Diagnostic(.dataKeyedRowEndsAfter, j, width, location: r.location)
                }
                store(c, block * width + j, &data, &symbols, &flags)
            }
        }
        var absent = 0
        for (blk, f) in filled.enumerated() where !f {
            absent += 1
            for j in 0..<width { data[blk * width + j] = 0 }
        }
        return absent
    }
}
