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

    /// Variable names that mean time, region or industry when no TIMEVAL/MAP says so
    /// (folded: lower case, no diacritics).
    static let timeNames: Set<String> = ["period", "year", "ar", "tid", "time", "aika", "manad", "kvartal", "month", "quarter"]
    static let regionNames: Set<String> = ["region", "lan", "kommun", "county", "municipality", "geo", "omrade", "kunta", "riksomrade"]
    static let industryWords = ["naringsgren", "sni", "industry", "nace", "bransch"]

    public static func load(path: String, name: String, options: LoadOptions = LoadOptions(),
                            registry: Registry? = nil) throws(Diagnostic) -> Cube {
        try FileIO.withBytes(path) { (b) throws(Diagnostic) -> Cube in try load(b, path: path, name: name, options: options, registry: registry) }
    }

    static func load(_ b: UnsafeBufferPointer<UInt8>, path: String, name: String, options: LoadOptions,
                     registry: Registry?) throws(Diagnostic) -> Cube {
        var warnings: [String] = []
        var notes: [String] = []
        let encoding = chooseEncoding(b, warnings: &warnings)
        notes.append("PC-Axis, text read as \(encoding.rawValue)")
        let decode: (UnsafeBufferPointer<UInt8>) -> String = encoding == .utf8
            ? { String(decoding: $0, as: UTF8.self) } : { Text.windows1252($0) }
        let px = try PXFile.parse(b, path: path, decode: decode)
        let meta = try Metadata(px, path: path, language: options.mapping["language"])
        notes.append(contentsOf: meta.languageNotes)
        guard meta.first("MATRIX") != nil else {
            throw Diagnostic(message: "the file has no MATRIX keyword, which every PC-Axis file must have",
                             location: FileLocation(file: path, line: 1), help: "MATRIX names the table, e.g. MATRIX=\"BE0101A1\";")
        }
        let vars = try meta.variables(path: path, warnings: &warnings)
        let sizes = vars.map(\.labels.count)
        var total = 1
        for (v, n) in zip(vars, sizes) {
            guard n > 0 else {
                throw Diagnostic(message: "VALUES(\"\(v.name)\") lists no values", location: FileLocation(file: path, line: v.line))
            }
            let (p, o) = total.multipliedReportingOverflow(by: n)
            guard !o, p <= 1 << 31 else {
                throw Diagnostic(message: "the variables declare more than 2^31 cells", location: FileLocation(file: path, line: v.line),
                                 help: "split the table into smaller files")
            }
            total = p
        }

        // Roles: a CONTVARIABLE's values are measures; then time, region, industry.
        let contIndex = try meta.first("CONTVARIABLE").map { (e) throws(Diagnostic) -> Int in
            guard let i = vars.firstIndex(where: { $0.name == e.text }) else {
                throw Diagnostic(message: "CONTVARIABLE names `\(e.text)`, which is not in STUB or HEADING",
                                 location: FileLocation(file: path, line: e.line))
            }
            return i
        }
        func pick(_ role: String, _ auto: () -> Int?) throws(Diagnostic) -> Int? {
            guard let want = options.mapping[role] else { return auto() }
            if let i = vars.firstIndex(where: { Text.fold($0.name) == Text.fold(want) }) { return i }
            throw Diagnostic(message: "`with \(role) = \(want)`: \(path) has no variable \(want)",
                             help: "variables: " + vars.map(\.name).joined(separator: ", "),
                             candidates: Text.suggestions(for: want, among: vars.map(\.name)))
        }
        let timeIndex = try pick("year") {
            if let e = meta.entries("TIMEVAL").first, let i = vars.firstIndex(where: { e.args.first == $0.name }) { return i }
            return vars.indices.first { $0 != contIndex && timeNames.contains(Text.fold(vars[$0].name)) }
        }
        let regionIndex = try pick("region") {
            if let e = meta.entries("MAP").first, let i = vars.firstIndex(where: { e.args.first == $0.name }), i != timeIndex { return i }
            return vars.indices.first { $0 != contIndex && $0 != timeIndex && regionNames.contains(Text.fold(vars[$0].name)) }
        }
        // Industry: a variable named like one; else the first remaining category variable
        // (marital status, age, commodity group) is what LQ and its kin compare across.
        var industryGuessed = false
        let industryIndex = try pick("industry") {
            let rest = vars.indices.filter { $0 != contIndex && $0 != timeIndex && $0 != regionIndex }
            if let i = rest.first(where: { i in industryWords.contains { Text.fold(vars[i].name).split(separator: " ").contains(Substring($0)) || Text.fold(vars[i].name).hasPrefix($0) } }) {
                return i
            }
            industryGuessed = rest.first != nil
            return rest.first
        }

        // Measures.
        var measureNames: [String]
        var units: [String?]
        if let c = contIndex {
            measureNames = vars[c].names.map { Text.snakeCase($0) }
            units = vars[c].names.indices.map { k in meta.first("UNITS", args: [vars[c].names[k]])?.text ?? meta.first("UNITS", args: [vars[c].labels[k]])?.text }
        } else {
            let contents = meta.first("CONTENTS")?.text
            measureNames = [options.mapping["measure"].map(Text.snakeCase) ?? contents.map(Text.snakeCase) ?? "value"]
            units = [meta.first("UNITS")?.text]
        }
        measureNames = measureNames.enumerated().map { k, n in
            let base = n.isEmpty || n.first!.isNumber ? "m_" + n : n
            return measureNames[..<k].contains(n) ? base + "_\(k + 1)" : base
        }

        // The time variable: a year, and a sub-period (quarter, month) as a dimension of its own.
        var yearOf: [Int32] = []
        var subOf: [Int32] = []
        var subDim: Dimension? = nil
        if let t = timeIndex {
            let codes = vars[t].labels
            let kind = meta.entries("TIMEVAL").first.flatMap { e in e.texts.first { $0.uppercased().hasPrefix("TLIST") } }
            if let e = meta.entries("TIMEVAL").first {
                let listed = e.items.dropFirst().count
                if listed > 0 && listed != codes.count && !e.text.contains("-") {
                    warnings.append("line \(e.line): TIMEVAL lists \(listed) periods but VALUES(\"\(vars[t].name)\") has \(codes.count); the VALUES are used")
                }
            }
            var subs: [String] = []
            var subIndex: [String: Int32] = [:]
            for code in codes {
                let u = Array(code.utf8)
                guard u.count >= 4, u[0..<4].allSatisfy({ $0 &- 48 < 10 }) else {
                    throw Diagnostic(message: "time value `\(code)` of \(vars[t].name) does not start with a year",
                                     location: FileLocation(file: path, line: vars[t].line),
                                     help: "periods are written 2004, 20041 (quarter), 2004K1 or 200401 (month); name another variable with `with year = …`")
                }
                yearOf.append(Int32(String(decoding: u[0..<4], as: UTF8.self))!)
                let rest = String(decoding: u[4...], as: UTF8.self)
                if subIndex[rest] == nil { subIndex[rest] = Int32(subs.count); subs.append(rest) }
                subOf.append(subIndex[rest]!)
            }
            if subs.count > 1 || subs.first?.isEmpty == false {
                let k = (kind ?? "").uppercased()
                let dimName = k.contains("(Q") || k.contains("(K") ? "quarter" : k.contains("(M") ? "month"
                    : k.contains("(H") ? "half" : k.contains("(W") ? "week" : "period"
                subDim = Dimension(name: dimName, role: .extra, labels: subs)
            }
            notes.append("time: \(vars[t].name)" + (kind.map { " (\($0))" } ?? ""))
        } else {
            warnings.append("no time variable (TIMEVAL, or one named period/year/tid): every cell is given year 0")
        }

        // Data values, cell by cell in STUB-then-HEADING order (the last variable fastest).
        var data = [Double](repeating: .nan, count: total)
        var symbols: [String: Int] = [:]
        let keyVars = meta.entries("KEYS").compactMap { e in vars.firstIndex { $0.name == e.args.first }.map { ($0, e.text.uppercased()) } }
        if keyVars.isEmpty {
            try readDense(b, px, path: path, decode: decode, into: &data, symbols: &symbols, sizes: sizes)
        } else {
            let absent = try readKeyed(b, px, path: path, decode: decode, into: &data, symbols: &symbols, vars: vars, keys: keyVars)
            if absent > 0 { notes.append("KEYS layout: \(absent) absent rows read as 0") }
        }
        let missing = data.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        notes.append("\(total) cells declared and read" + (missing > 0 ? ", \(missing) missing" : "")
                     + (symbols.isEmpty ? "" : " (symbols " + symbols.keys.sorted().map { "\"\($0)\"×\(symbols[$0]!)" }.joined(separator: ", ") + ")"))

        // Rows: one per combination of the non-content variables.
        let nM = contIndex.map { sizes[$0] } ?? 1
        let nRows = total / nM
        var strides = [Int](repeating: 1, count: vars.count)
        for v in stride(from: vars.count - 2, through: 0, by: -1) { strides[v] = strides[v + 1] * sizes[v + 1] }
        let otherVars = vars.indices.filter { $0 != contIndex && $0 != timeIndex && $0 != regionIndex && $0 != industryIndex }
        var regionCodes = [Int32](repeating: 0, count: nRows)
        var industryCodes = [Int32](repeating: 0, count: industryIndex == nil ? 0 : nRows)
        var years = [Int32](repeating: 0, count: nRows)
        var extraCodes = [[Int32]](repeating: [Int32](repeating: 0, count: nRows), count: otherVars.count + (subDim == nil ? 0 : 1))
        var values = [[Double]](repeating: [Double](repeating: .nan, count: nRows), count: nM)
        var digits = [Int](repeating: 0, count: vars.count)
        var row = 0
        for k in 0..<total {
            if k > 0 {   // advance the odometer
                var v = vars.count - 1
                while true { digits[v] += 1; if digits[v] < sizes[v] { break }; digits[v] = 0; v -= 1 }
            }
            let m = contIndex.map { digits[$0] } ?? 0
            // The row of this cell: its position with the content digit removed.
            row = contIndex.map { c in (k / (strides[c] * sizes[c])) * strides[c] + k % strides[c] } ?? k
            values[m][row] = data[k]
            if m > 0 { continue }
            if let r = regionIndex { regionCodes[row] = Int32(digits[r]) }
            if let i = industryIndex { industryCodes[row] = Int32(digits[i]) }
            if let t = timeIndex { years[row] = yearOf[digits[t]]; if subDim != nil { extraCodes[otherVars.count][row] = subOf[digits[t]] } }
            for (j, v) in otherVars.enumerated() { extraCodes[j][row] = Int32(digits[v]) }
        }

        func dimension(_ v: Int, role: Dimension.Role, name: String) -> Dimension {
            let d = vars[v]
            var names: [String?] = d.hasCodes ? d.names : Array(repeating: nil, count: d.labels.count)
            if let registry, role != .extra {
                for (k, l) in d.labels.enumerated() where names[k] == nil || names[k] == l {
                    names[k] = (role == .region ? registry.region(l) : registry.industry(l))?.name ?? names[k]
                }
            }
            return Dimension(name: name, role: role, labels: d.labels, names: names)
        }
        let regionDim = regionIndex.map { dimension($0, role: .region, name: "region") }
            ?? Dimension(name: "region", role: .region, labels: ["all"], names: ["(whole table)"])
        if regionIndex == nil { notes.append("no region variable: one region `all`") }
        let industryDim = industryIndex.map { dimension($0, role: .industry, name: industryGuessed ? Text.snakeCase(vars[$0].name) : "industry") }
        if let i = industryIndex, industryGuessed {
            notes.append("categories compared (the industry role): \(vars[i].name); choose another with `with industry = …`")
        }
        var summed: [String] = []
        var extras = otherVars.map { v in
            // ELIMINATION=YES: the values partition the whole, so analyses may sum over them.
            // (ELIMINATION="total" names a value that already is the sum: not summable.)
            let summable = meta.first("ELIMINATION", args: [vars[v].name])?.items == [.word("YES")]
            if summable { summed.append(vars[v].name) }
            // Extra dimensions are read by their text (`where sex = "women"`), codes as names.
            return Dimension(name: Text.snakeCase(vars[v].name), role: .extra, labels: vars[v].names,
                             names: vars[v].hasCodes ? vars[v].labels : Array(repeating: nil, count: vars[v].names.count),
                             summable: summable)
        }
        if !summed.isEmpty { notes.append("summed over when not chosen (ELIMINATION=YES): " + summed.joined(separator: ", ")) }
        if let s = subDim { extras.append(s) }
        for (v, role) in [(regionIndex, "region"), (industryIndex, "industry")] { if let v { notes.append("\(role): \(vars[v].name)") } }
        for key in ["TITLE", "SOURCE", "CONTENTS"] { if let e = meta.first(key) { notes.append(key.lowercased() + ": " + e.text) } }
        for e in meta.entries("HIERARCHIES") {
            let pairs = e.items.filter { $0 == .word(":") }.count
            notes.append("hierarchy of \(e.args.first ?? "?"): \(pairs) parent–child links (kept in the file; levels are not split)")
        }
        for e in meta.entries("NOTE") + meta.entries("NOTEX") where e.args.isEmpty { notes.append("note: " + e.text) }
        notes.append(contentsOf: warnings.map { "warning: " + $0 })

        var measures: [Measure] = []
        for m in 0..<nM {
            measures.append(Measure(name: measureNames[m], unit: units[m], values: values[m], prices: options.prices[measureNames[m]]))
        }
        for k in options.prices.keys where !measureNames.contains(k) {
            throw Diagnostic(message: "`with \(k) prices …`: \(path) has no measure \(k)", help: "measures: " + measureNames.joined(separator: ", "),
                             candidates: Text.suggestions(for: k, among: measureNames))
        }
        return Cube(name: name, source: path, region: regionDim, industry: industryDim, extras: extras,
                    regionCodes: regionCodes, industryCodes: industryCodes, years: years, extraCodes: extraCodes,
                    measures: measures, notes: notes)
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
            declared = v.contains("UTF") ? .utf8 : v.contains("8859") || v.contains("LATIN") ? .latin1 : .cp1252
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
        return declared == .latin1 ? .latin1 : declared
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
                throw Diagnostic(message: "DATA: a quoted symbol is not closed on its line", location: at, help: "write symbols as \"..\"")
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
            throw Diagnostic(message: "DATA: `\(tok.prefix(40))` is not a number", location: location,
                             help: "values are numbers separated by spaces; symbols are quoted, like \"..\"")
        }
    }

    static func store(_ cell: Cell, _ k: Int, _ data: inout [Double], _ symbols: inout [String: Int]) {
        switch cell {
        case .number(let v): data[k] = v
        case .symbol(let s):
            symbols[s, default: 0] += 1
            data[k] = s == "-" ? 0 : .nan   // "-" is DATASYMBOLNIL: zero by definition
        case .end: break
        }
    }

    static func readDense(_ b: UnsafeBufferPointer<UInt8>, _ px: PXFile, path: String, decode: @escaping (UnsafeBufferPointer<UInt8>) -> String, into data: inout [Double],
                          symbols: inout [String: Int], sizes: [Int]) throws(Diagnostic) {
        var r = DataReader(b: b, pos: px.dataStart, line: px.dataLine, lineStart: px.dataStart, path: path, decode: decode)
        var k = 0
        while true {
            if k & 0xFFFF == 0 { try Diagnostic.checkInterrupt() }
            let c = try r.next()
            if case .end = c { break }
            guard k < data.count else {
                throw Diagnostic(message: "DATA holds more values than the variables declare (\(data.count) = " + sizes.map(String.init).joined(separator: " × ") + ")",
                                 location: r.location, help: "check VALUES against the data, or a missing ; at the end of DATA")
            }
            store(c, k, &data, &symbols)
            k += 1
        }
        if k < data.count {
            throw Diagnostic(message: "DATA holds \(k) values but the variables declare \(data.count) (" + sizes.map(String.init).joined(separator: " × ") + ")",
                             location: r.location, help: "the file is truncated or VALUES lists more values than the data has")
        }
    }

    /// KEYS layout: each line names its leading stub values, then the rest of the row. Rows
    /// that are absent are zero (the convention of PC-Axis writers, which omit zero rows).
    static func readKeyed(_ b: UnsafeBufferPointer<UInt8>, _ px: PXFile, path: String, decode: @escaping (UnsafeBufferPointer<UInt8>) -> String, into data: inout [Double],
                          symbols: inout [String: Int], vars: [Metadata.Variable], keys: [(Int, String)]) throws(Diagnostic) -> Int {
        let keyIdx = keys.map(\.0)
        guard keyIdx == Array(0..<keyIdx.count) else {
            throw Diagnostic(message: "KEYS must name the first STUB variables in order, here: " + keyIdx.map { vars[$0].name }.joined(separator: ", "),
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
                    throw Diagnostic(message: "DATA: expected the quoted key of \(vars[v].name) at the start of a row", location: at)
                }
                let key = try r.quoted()
                let list = how == "CODES" ? vars[v].labels : vars[v].names
                guard let i = list.firstIndex(of: key) else {
                    throw Diagnostic(message: "DATA: key `\(key)` is not a value of \(vars[v].name)", location: at,
                                     candidates: Text.suggestions(for: key, among: list))
                }
                block = block * vars[v].labels.count + i
            }
            if filled[block] {
                throw Diagnostic(message: "DATA: the key row is given twice", location: r.location)
            }
            filled[block] = true
            for j in 0..<width {
                let c = try r.next()
                if case .end = c {
                    throw Diagnostic(message: "DATA: a keyed row ends after \(j) of its \(width) values", location: r.location)
                }
                store(c, block * width + j, &data, &symbols)
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
