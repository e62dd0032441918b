// EurostatTSVLoader.swift — `load` for Eurostat's bulk-download TSV: a first column of
// comma-joined keys (`freq,unit,nace_r2,geo\TIME_PERIOD`), one tab-separated column per
// period, cells `value flags` (`3.16 p`) or `:` (missing, possibly flagged `: c`).

public enum EurostatTSVLoader {
    /// The header's first cell names the keys and, after a backslash, the time axis.
    public static func recognises(head: [UInt8]) -> Bool {
        guard let tab = head.firstIndex(of: 9) else { return false }
        let first = String(decoding: head[..<tab], as: UTF8.self).lowercased()
        return first.contains("\\time") || first.contains("\\time_period")
    }

    static let regionKeys: Set<String> = ["geo", "reg", "nuts", "region"]
    static func isIndustryKey(_ k: String) -> Bool { k.hasPrefix("nace") || k == "industry" || k == "sic" }

    public static func load(path: String, name: String, options: LoadOptions = LoadOptions(),
                            registry: Registry? = nil) throws(Diagnostic) -> Cube {
        try FileIO.withBytes(path) { (b) throws(Diagnostic) -> Cube in try load(b, path: path, name: name, options: options, registry: registry) }
    }

    static func load(_ b: UnsafeBufferPointer<UInt8>, path: String, name: String, options: LoadOptions,
                     registry: Registry?) throws(Diagnostic) -> Cube {
        var pos = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 0
        /// The next line's cells (tab-separated), without its CR LF; nil at the end.
        func nextLine() -> [Range<Int>]? {
            guard pos < b.count else { return nil }
            line += 1
            var cells: [Range<Int>] = []
            var s = pos
            while pos < b.count, b[pos] != 10 {
                if b[pos] == 9 { cells.append(s..<pos); s = pos + 1 }
                pos += 1
            }
            var e = pos
            if e > s, b[e - 1] == 13 { e -= 1 }
            cells.append(s..<e)
            pos += 1
            return cells
        }
        func text(_ r: Range<Int>) -> String { Text.decode(UnsafeBufferPointer(rebasing: b[r])).0.trimmed() }
        func fail(_ msg: String, _ col: Int? = nil, help: String? = nil) -> Diagnostic {
            Diagnostic(message: msg, location: FileLocation(file: path, line: line, column: col), help: help)
        }

        guard let header = nextLine(), header.count >= 2 else {
            throw fail("\(path) has no header with periods", help: "a Eurostat TSV starts with `freq,unit,geo\\TIME_PERIOD` and a tab-separated column per period")
        }
        let first = text(header[0])
        let keyPart = first.split(separator: "\\", maxSplits: 1).first.map(String.init) ?? first
        let keys = keyPart.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed().lowercased() }
        let periods = header.dropFirst().map(text)
        var years: [Int32] = [], subs: [Int32] = [], subLabels: [String] = []
        for (k, p) in periods.enumerated() {
            let u = Array(p.utf8)
            guard u.count >= 4, u[0..<4].allSatisfy({ $0 &- 48 < 10 }) else {
                line = 1
                throw fail("period column `\(p)` does not start with a year", column(b, header[k + 1].lowerBound),
                           help: "periods are written 2019, 2019-Q1, 2019Q1 or 2019-M01")
            }
            years.append(Int32(String(decoding: u[0..<4], as: UTF8.self))!)
            var rest = String(decoding: u[4...], as: UTF8.self)
            if rest.hasPrefix("-") { rest.removeFirst() }
            if let i = subLabels.firstIndex(of: rest) { subs.append(Int32(i)) } else { subs.append(Int32(subLabels.count)); subLabels.append(rest) }
        }
        if let dup = CSVLoader.firstDuplicate(periods) { line = 1; throw fail("the period column `\(dup)` appears twice") }

        func pick(_ role: String, _ auto: (String) -> Bool) throws(Diagnostic) -> Int? {
            if let want = options.mapping[role] {
                if let i = keys.firstIndex(of: want.lowercased()) { return i }
                throw Diagnostic(.hasNoKey, role, want, path, want, help: "keys: " + keys.joined(separator: ", "),
                                 candidates: Text.suggestions(for: want, among: keys))
            }
            return keys.firstIndex(where: auto)
        }
        let regionKey = try pick("region") { regionKeys.contains($0) }
        let industryKey = try pick("industry", isIndustryKey)
        let others = keys.indices.filter { $0 != regionKey && $0 != industryKey }
        var interned = [[String: Int32]](repeating: [:], count: keys.count)
        var labels = [[String]](repeating: [], count: keys.count)
        var keyCodes = [[Int32]](repeating: [], count: keys.count)
        var periodOf: [Int32] = []
        var values: [Double] = []
        var flags = CellFlagsBuilder()
        var seenKeys = Set<[Int32]>()
        let n = periods.count
        while let cells = nextLine() {
            if cells.count == 1 && cells[0].isEmpty { continue }
            if line & 0x3FF == 0 { try Diagnostic.checkInterrupt() }
            guard cells.count == n + 1 else {
                throw fail("this row has \(cells.count - 1) period cells; the header has \(n)", help: "every row needs one cell per period (`:` when missing)")
            }
            let parts = text(cells[0]).split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == keys.count else {
                throw fail("the key `\(text(cells[0]))` has \(parts.count) parts; the header names \(keys.count) (\(keys.joined(separator: ",")))", 1)
            }
            var codes: [Int32] = []
            for (j, p) in parts.enumerated() {
                let s = String(p).trimmed()
                let c: Int32
                if let x = interned[j][s] { c = x } else { c = Int32(labels[j].count); interned[j][s] = c; labels[j].append(s) }
                codes.append(c)
            }
            if !seenKeys.insert(codes).inserted { throw fail("the key `\(text(cells[0]))` appears twice", 1) }
            for (k, r) in cells.dropFirst().enumerated() {
                // `value flags`: the number up to the first space, then flag letters.
                var e = r.lowerBound
                while e < r.upperBound, b[e] != 32 { e += 1 }
                let numEnd = e
                while e < r.upperBound, b[e] == 32 { e += 1 }
                if e < r.upperBound {
                    flags.set(values.count, String(decoding: UnsafeBufferPointer(rebasing: b[e..<r.upperBound]), as: UTF8.self).trimmed())
                }
                let len = numEnd - r.lowerBound
                let v: Double
                if len == 0 || CSVLoader.isMissing(b.baseAddress! + r.lowerBound, len) { v = .nan }
                else if let x = NumberParsing.parse(b.baseAddress! + r.lowerBound, len, .point) { v = x }
                else {
                    throw fail("`\(text(r.lowerBound..<numEnd))` (period \(periods[k])) is not a number", column(b, r.lowerBound),
                               help: "cells are a number and optional flags (`3.16 p`), or `:` when missing")
                }
                for j in keys.indices { keyCodes[j].append(codes[j]) }
                periodOf.append(Int32(k))
                values.append(v)
            }
        }
        if values.isEmpty { throw fail("\(path) has a header but no data rows") }

        func dim(_ j: Int, role: Dimension.Role, name: String) -> Dimension {
            let names: [String?] = labels[j].map { l in
                guard let registry, role != .extra else { return nil }
                return (role == .region ? registry.regionByCode(l) : registry.industry(l))?.name
            }
            return Dimension(name: name, role: role, labels: labels[j], names: names)
        }
        var extras = others.map { dim($0, role: .extra, name: Text.snakeCase(keys[$0])) }
        var extraCodes = others.map { keyCodes[$0] }
        if subLabels.count > 1 || subLabels.first?.isEmpty == false {
            let q = subLabels.first.map { $0.uppercased().hasPrefix("Q") } ?? false, m = subLabels.first.map { $0.uppercased().hasPrefix("M") } ?? false
            extras.append(Dimension(name: q ? "quarter" : m ? "month" : "period", role: .extra, labels: subLabels))
            extraCodes.append(periodOf.map { subs[Int($0)] })
        }
        var notes = ["Eurostat TSV: keys " + keys.joined(separator: ", ") + "; \(n) periods; \(values.count) cells"]
        if regionKey == nil { notes.append("no geo key: one region `all`") }
        let cellFlags = flags.build(rows: values.count)
        let measureName = options.mapping["measure"].map(Text.snakeCase) ?? "value"
        let unit = keys.firstIndex(of: "unit").flatMap { labels[$0].count == 1 ? labels[$0][0] : nil }
        return Cube(name: name, source: path,
                    region: regionKey.map { dim($0, role: .region, name: "region") } ?? Dimension(name: "region", role: .region, labels: ["all"]),
                    industry: industryKey.map { dim($0, role: .industry, name: "industry") }, extras: extras,
                    regionCodes: CodeColumn(regionKey.map { keyCodes[$0] } ?? [Int32](repeating: 0, count: values.count)),
                    industryCodes: CodeColumn(industryKey.map { keyCodes[$0] } ?? []),
                    years: CodeColumn(periodOf.map { years[Int($0)] }), extraCodes: extraCodes.map { CodeColumn($0) },
                    measures: [Measure(name: measureName, unit: unit, values: values, prices: options.prices[measureName], flags: cellFlags)],
                    notes: notes)
    }

    static func column(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int {
        var s = at
        while s > 0, b[s - 1] != 10 { s -= 1 }
        return CSVLoader.column(b, s, at)
    }
}
