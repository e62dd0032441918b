// CubeAssembly.swift — the end of a load: label columns become display names, other text
// columns extra dimensions, registry names fill in, duplicate cells are refused.

extension CSVAccumulator {
    func finish(name: String, path: String, headerLine: Int, registry: Registry?, delimiter: UInt8,
                prices: [String: String] = [:]) throws(Diagnostic) -> Cube {
        for k in prices.keys where !layout.measureNames.contains(k) {
            throw Diagnostic(.hasNoMeasure, k, path, k,
                             help: "measures: " + layout.measureNames.joined(separator: ", "),
                             candidates: Text.suggestions(for: k, among: layout.measureNames))
        }
        if rows == 0 {
            throw Diagnostic(.hasHeaderButNoData, path, location: FileLocation(file: path, line: headerLine + 1),
                             help: "add one line per observation below the header")
        }
        let (regionCodes, industryCodes, years, textCodes, measures) = assembled()
        var notes = layout.notes
        for (k, n) in markerCounts.enumerated() where n > 0 {
            notes.append("\(n) \(n == 1 ? "cell" : "cells") \(markers.labels[k]) read as missing")
        }
        var (regionLabels, fb1) = region.strings()
        var (industryLabels, fb2) = industry.strings()
        var fallback = fb1 || fb2
        var regionNames: [String?] = Array(repeating: nil, count: regionLabels.count)
        var industryNames: [String?] = Array(repeating: nil, count: industryLabels.count)
        // SCB writes the code in front of the name (`08 Kalmar län`, `C tillverkning och
        // utvinning`): the code keys the dimension (and finds the registry), the rest names it.
        // Linked-data exports prefix every code (`dcid:nuts/SE213`): a prefix shared by all
        // labels, ending in `/` or `:`, is dropped when the rest are registry codes.
        if let registry, let (codes, prefix) = Self.withoutSharedPrefix(regionLabels, resolves: { registry.regionByCode($0) != nil }) {
            notes.append("region codes read without the prefix `\(prefix)`")
            regionLabels = codes
        }
        if let (codes, names) = Self.codeInFront(regionLabels) {
            notes.append("region labels read as code and name (`\(regionLabels[0])` → \(codes[0]))")
            regionLabels = codes; regionNames = names
        }
        if hasIndustry, let (codes, names) = Self.codeInFront(industryLabels) {
            notes.append("industry labels read as code and name (`\(industryLabels[0])` → \(codes[0]))")
            industryLabels = codes; industryNames = names
        }
        // Spreadsheets drop leading zeros (`01` becomes the number 1): a one-digit industry
        // code the registry knows only as `0N` gets its zero back, when all of them resolve so.
        if hasIndustry, layout.industryName == "industry", let registry,
           industryLabels.contains(where: { $0.count == 1 && $0.first!.isNumber }),
           industryLabels.allSatisfy({ $0.count != 1 || !$0.first!.isNumber || (registry.industry($0) == nil && registry.industry("0" + $0) != nil) }) {
            let padded = industryLabels.map { $0.count == 1 && $0.first!.isNumber ? "0" + $0 : $0 }
            if Set(padded).count == padded.count {
                notes.append("one-digit industry codes read with their leading zero (`\(industryLabels.first { $0.count == 1 }!)` → `0\(industryLabels.first { $0.count == 1 }!)`), as a spreadsheet drops it")
                industryLabels = padded
            }
        }
        var extras: [Dimension] = []
        var extraCodes: [CodeColumn] = []
        var regionNamed = false, industryNamed = false
        var flags: CellFlags? = nil
        for k in layout.textNames.indices {
            let (labels, fb) = texts[k].strings()
            fallback = fallback || fb
            let codes = textCodes[k]
            if layout.textNames[k] == layout.flagColumn {
                // Flags per cell: the empty value is no flag.
                var builder = CellFlagsBuilder()
                for (row, c) in codes.enumerated() where !labels[Int(c)].isEmpty { builder.set(row, labels[Int(c)]) }
                flags = builder.build(rows: codes.count)
                continue
            }
            // A label column has a name-like header (`Region_name`, `SIC07 description`) and
            // pairs one-to-one with a dimension; each dimension takes the first such column.
            let nameLike = CSVLayout.words(layout.textNames[k]).contains { CSVLayout.nameWords.contains($0) }
            if nameLike, !regionNamed, let map = Self.oneToOne(regionCodes, regionLabels.count, codes, labels.count) {
                regionNamed = true
                for (r, l) in map.enumerated() where l >= 0 { regionNames[r] = labels[Int(l)] }
                notes.append("column `\(layout.textNames[k])` names the regions")
            } else if nameLike, !industryNamed, hasIndustry, let map = Self.oneToOne(industryCodes, industryLabels.count, codes, labels.count) {
                industryNamed = true
                for (i, l) in map.enumerated() where l >= 0 { industryNames[i] = labels[Int(l)] }
                notes.append("column `\(layout.textNames[k])` names the industries")
            } else {
                extras.append(Dimension(name: Text.snakeCase(layout.textNames[k]), role: .extra, labels: labels))
                extraCodes.append(codes)
            }
        }
        if let registry {
            for (i, l) in regionLabels.enumerated() where regionNames[i] == nil { regionNames[i] = registry.regionByCode(l)?.name }
            for (i, l) in industryLabels.enumerated() where industryNames[i] == nil { industryNames[i] = registry.industry(l)?.name }
        }
        if fallback { notes.append("text decoded as Windows-1252 (not valid UTF-8)") }
        if delimiter != UInt8(ascii: ",") { notes.append("delimiter `\(delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter)))`") }
        let regionDim = Dimension(name: layout.regionName, role: .region, labels: regionLabels, names: regionNames)
        let industryDim = hasIndustry ? Dimension(name: layout.industryName, role: .industry, labels: industryLabels, names: industryNames) : nil
        try checkDuplicates(path: path, headerLine: headerLine, regionDim: regionDim, industryDim: industryDim,
                            extras: extras, extraCodes: extraCodes, regionCodes: regionCodes, industryCodes: industryCodes, years: years)
        let ms = layout.measureNames.indices.map { k in
            let (name, unit, basis) = (layout.measureNames[k], layout.measureUnits[k], prices[layout.measureNames[k]])
            switch measures[k] {
            case .doubles(let v): return Measure(name: name, unit: unit, values: v, prices: basis, flags: flags)
            case .words(let w, let d): return Measure(name: name, unit: unit, scaled: ScaledValues(words: w, decimals: d), prices: basis, flags: flags)
            }
        }
        return Cube(name: name, source: path, region: regionDim, industry: industryDim, extras: extras,
                    regionCodes: regionCodes, industryCodes: industryCodes, years: years, extraCodes: extraCodes,
                    measures: ms, notes: notes)
    }

    static func withoutSharedPrefix(_ labels: [String], resolves: (String) -> Bool) -> ([String], String)? {
        guard let first = labels.first, let cut = first.lastIndex(where: { $0 == "/" || $0 == ":" }) else { return nil }
        let prefix = String(first[...cut])
        guard labels.allSatisfy({ $0.hasPrefix(prefix) && $0.count > prefix.count }) else { return nil }
        let codes = labels.map { String($0.dropFirst(prefix.count)) }
        guard Set(codes).count == codes.count, codes.filter(resolves).count * 2 > codes.count else { return nil }
        return (codes, prefix)
    }

    /// Splits `CODE name` labels when every label has that shape — the code a word without
    /// lower-case letters (`08`, `0880`, `SE213`, `A-U`, `10-12`) — and the codes are distinct.
    static func codeInFront(_ labels: [String]) -> ([String], [String?])? {
        guard !labels.isEmpty else { return nil }
        var codes: [String] = [], names: [String?] = []
        for l in labels {
            guard let sp = l.firstIndex(of: " ") else { return nil }
            let code = l[..<sp], rest = l[l.index(after: sp)...].drop { $0 == " " }
            guard !code.isEmpty, code.count <= 10, !rest.isEmpty,
                  code.unicodeScalars.allSatisfy({ ($0 >= "0" && $0 <= "9") || ($0 >= "A" && $0 <= "Z") || "-+._".unicodeScalars.contains($0) }),
                  code.unicodeScalars.contains(where: { $0 >= "0" && $0 <= "9" }) || code.count <= 5 else { return nil }
            codes.append(String(code)); names.append(String(rest))
        }
        return Set(codes).count == codes.count ? (codes, names) : nil
    }

    /// For a text column: if each dimension code has exactly one label and each label one code,
    /// the label index per code; otherwise nil.
    static func oneToOne(_ dim: CodeColumn, _ nDim: Int, _ text: CodeColumn, _ nText: Int) -> [Int32]? {
        var fwd = [Int32](repeating: -1, count: nDim)
        var back = [Int32](repeating: -1, count: nText)
        return dim.withWords { dim in text.withWords { text in
            for k in 0..<dim.count {
                let d = Int(dim[k]), t = Int(text[k])
                if fwd[d] < 0 { fwd[d] = Int32(t) } else if fwd[d] != Int32(t) { return nil }
                if back[t] < 0 { back[t] = Int32(d) } else if back[t] != Int32(d) { return nil }
            }
            return fwd
        } }
    }

    /// Whether two rows share a (region, industry, year) cell: each half of the rows marks a
    /// bitmap of cells, on its own thread; a cell in both halves shows in the bitmaps' AND.
    static func anyRepeatedCell(_ regionCodes: CodeColumn, _ industryCodes: CodeColumn, _ years: CodeColumn, lo: Int32,
                                industries: Int, years ny: Int, cells: Int) -> Bool {
        let n = years.count, half = n / 2
        var a = [UInt64](repeating: 0, count: cells / 64 + 1), b = [UInt64](repeating: 0, count: cells / 64 + 1)
        func mark(_ seen: inout [UInt64], _ from: Int, _ to: Int) -> Bool {
            regionCodes.withWords { r in
                industryCodes.withWords { i in
                    years.withWords { y in
                        seen.withUnsafeMutableBufferPointer { s in
                            let hasIndustry = !i.isEmpty
                            for k in from..<to {
                                let x = (Int(r[k]) &* industries &+ (hasIndustry ? Int(i[k]) : 0)) &* ny &+ Int(y[k] &- lo)
                                let bit = UInt64(1) << UInt64(x & 63)
                                if s[x >> 6] & bit != 0 { return true }
                                s[x >> 6] |= bit
                            }
                            return false
                        }
                    }
                }
            }
        }
        var inA = false, inB = false
        Parallel.both({ inA = mark(&a, 0, half) }, { inB = mark(&b, half, n) })
        if inA || inB { return true }
        for w in a.indices where a[w] & b[w] != 0 { return true }
        return false
    }

    /// Two rows for the same (region, industry, year, extras) cell are an error, not a sum.
    func checkDuplicates(path: String, headerLine: Int, regionDim: Dimension, industryDim: Dimension?,
                         extras: [Dimension], extraCodes: [CodeColumn],
                         regionCodes: CodeColumn, industryCodes: CodeColumn, years: CodeColumn) throws(Diagnostic) {
        guard let (lo, hi) = years.bounds else { return }
        var radix: [Int] = [regionDim.count, max(industryDim?.count ?? 1, 1), Int(hi - lo) + 1] + extras.map { max($0.count, 1) }
        var total = 1
        for r in radix {
            let (p, o) = total.multipliedReportingOverflow(by: r)
            if o { total = Int.max; break }
            total = p
        }
        radix = radix.map { $0 }
        // The usual answer, no two rows alike, found on both threads; the pair is looked for
        // (below, on one) only when there is one.
        if extraCodes.isEmpty, total <= 1 << 30,
           !Self.anyRepeatedCell(regionCodes, industryCodes, years, lo: lo, industries: radix[1], years: radix[2], cells: total) { return }
        let n = years.count
        @inline(__always) func key(_ k: Int) -> Int {
            var x = Int(regionCodes[k])
            x = x * radix[1] + (industryCodes.isEmpty ? 0 : Int(industryCodes[k]))
            x = x * radix[2] + Int(years[k] - lo)
            for (j, e) in extraCodes.enumerated() { x = x * radix[3 + j] + Int(e[k]) }
            return x
        }
        var dup: (Int, Int)? = nil
        if total <= 1 << 30 {
            var seen = [UInt64](repeating: 0, count: total / 64 + 1)
            var firstAt: [Int: Int] = [:]
            for k in 0..<n {
                let x = key(k)
                let bit = UInt64(1) << UInt64(x & 63)
                if seen[x >> 6] & bit != 0 {
                    for j in 0..<k where key(j) == x { firstAt[x] = j; break }
                    dup = (firstAt[x] ?? 0, k)
                    break
                }
                seen[x >> 6] |= bit
            }
        } else if total < Int.max {
            var keys = (0..<n).map { (key($0), $0) }
            keys.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            for k in 1..<max(keys.count, 1) where keys[k].0 == keys[k - 1].0 { dup = (keys[k - 1].1, keys[k].1); break }
        }
        guard let (a, b) = dup else { return }
        let per = max(spread.count, 1)
        var what = "region \(regionDim.labels[Int(regionCodes[b])])"
        if let d = industryDim { what += ", industry \(d.labels[Int(industryCodes[b])])" }
        what += ", year \(years[b])"
        for (j, e) in extras.enumerated() { what += ", \(e.name) \(e.labels[Int(extraCodes[j][b])])" }
        let la = line(ofRow: a / per, headerLine: headerLine), lb = line(ofRow: b / per, headerLine: headerLine)
        throw Diagnostic(.twoRowsDescribeSameCell, what, la, lb,
                         location: FileLocation(file: path, line: lb),
                         help: "each region, industry and year may appear once; if the rows differ by another column, that column was not recognised — name the key columns with `with region = …, industry = …, year = …`")
    }
}
