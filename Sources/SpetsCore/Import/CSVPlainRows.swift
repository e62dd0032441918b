// CSVPlainRows.swift — the load's hot loop for the usual file: long layout, no quote in the
// chunk, one line per row, no spaces around fields. Each field is read as it is found (no
// field list, no switch on a role with payloads, no trimming); a row that is not that plain
// goes, on its own, to the general path (`consume`), which handles everything and reports
// every error. The plain path interns only what the general path would intern for the same
// row, in the same order, so codes and their order do not depend on which path read a row.

import Glibc

extension CSVAccumulator {
    /// How the plain path treats a column.
    enum PlainKind: UInt8 { case region, industry, year, measure, text, skip }

    static func plainKinds(_ roles: [ColumnRole]) -> (kinds: [PlainKind], index: [Int]) {
        var kinds: [PlainKind] = [], index: [Int] = []
        for role in roles {
            switch role {
            case .region: kinds.append(.region); index.append(0)
            case .industry: kinds.append(.industry); index.append(0)
            case .year: kinds.append(.year); index.append(0)
            case .measure(let k): kinds.append(.measure); index.append(k)
            case .text(let k): kinds.append(.text); index.append(k)
            case .yearValue, .industryValue, .regionValue, .ignored: kinds.append(.skip); index.append(0)
            }
        }
        return (kinds, index)
    }

    /// Where the field starting at `q` ends: the first delimiter, LF or CR before `to`. Eight
    /// bytes at a time (a byte equal to one of the three makes its lane of `(x - 1…) & ~x &
    /// 0x80…` nonzero; the lowest such lane is exact), then byte by byte for the tail.
    @inline(__always)
    static func fieldEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ to: Int, _ delimiter: UInt8) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let d = UInt64(delimiter) &* ones, lf = 10 &* ones, cr = 13 &* ones
        var q = start
        while q + 8 <= to {
            let w = UnsafeRawPointer(base + q).loadUnaligned(as: UInt64.self)
            let x = w ^ d, y = w ^ lf, z = w ^ cr
            let m = ((x &- ones) & ~x | (y &- ones) & ~y | (z &- ones) & ~z) & highs
            if m != 0 { return q + (m.littleEndian.trailingZeroBitCount >> 3) }
            q += 8
        }
        while q < to { let ch = base[q]; if ch == delimiter || ch == 10 || ch == 13 { break }; q += 1 }
        return q
    }

    /// A measure field in its plainest form, read while it is scanned: digits, or digits, the
    /// decimal mark and digits, at most 16 bytes, ending at the delimiter or a line end. The value and the field's end; nil for anything else, which
    /// `CSVLoader.cellNumber` then reads. Gives exactly what `NumberParsing.parse`'s fast path
    /// gives for the same bytes (a test holds them together).
    @inline(__always)
    static func plainNumber(_ base: UnsafePointer<UInt8>, _ s: Int, _ to: Int, _ point: UInt8, _ delimiter: UInt8) -> (Double, Int)? {
        var q = s, v = 0
        while q < to { let d = base[q] &- 48; if d >= 10 { break }; v = v &* 10 &+ Int(d); q += 1 }
        let whole = q - s
        guard whole > 0 else { return nil }
        if q < to && base[q] == point {
            q += 1
            let f = q
            while q < to { let d = base[q] &- 48; if d >= 10 { break }; v = v &* 10 &+ Int(d); q += 1 }
            guard q > f, q - s <= 16, q == to || isFieldEnd(base[q], delimiter) else { return nil }
            return (Double(v) / NumberParsing.smallPow10(q - f), q)
        }
        guard whole <= 15, q == to || isFieldEnd(base[q], delimiter) else { return nil }
        return (Double(v), q)
    }

    @inline(__always)
    static func isFieldEnd(_ ch: UInt8, _ delimiter: UInt8) -> Bool { ch == delimiter || ch == 10 || ch == 13 }

    /// Four digits ending a field: the year and the field's end.
    @inline(__always)
    static func plainYear(_ base: UnsafePointer<UInt8>, _ s: Int, _ to: Int, _ delimiter: UInt8) -> (Int32, Int)? {
        guard s + 4 <= to else { return nil }
        let a = base[s] &- 48, b = base[s + 1] &- 48, c = base[s + 2] &- 48, d = base[s + 3] &- 48
        guard a < 10, a > 0, b < 10, c < 10, d < 10, s + 4 == to || isFieldEnd(base[s + 4], delimiter) else { return nil }
        return (Int32(a) * 1000 + Int32(b) * 100 + Int32(c) * 10 + Int32(d), s + 4)
    }


    /// Parses the rows in b[from..<to] like `consume`, taking plain rows itself. Only for
    /// the long layout and for bytes without a quote character.
    mutating func consumePlain(_ whole: UnsafeBufferPointer<UInt8>, from: Int, to: Int, eof: Bool, delimiter: UInt8,
                               scanner: inout CSVScanner, conv: NumberParsing.Convention) -> ConsumeResult {
        let base = whole.baseAddress!
        let (kindList, indexList) = Self.plainKinds(layout.roles)
        let fieldCount = kindList.count
        // What ends each field in its plainest form: the delimiter, and LF after the last.
        let ops = UnsafeMutablePointer<(kind: PlainKind, slot: Int, end: UInt8)>.allocate(capacity: max(fieldCount, 1))
        for c in 0..<fieldCount { ops[c] = (kindList[c], indexList[c], c + 1 < fieldCount ? delimiter : 10) }
        // Each field is written straight into its column at row `n`; a row that turns out not
        // plain is not counted, and the next row writes over what it left.
        let keyCols = UnsafeMutablePointer<KeyColumn>.allocate(capacity: cols.codeCount)
        let valueCols = UnsafeMutablePointer<ValueColumn>.allocate(capacity: max(cols.valueCount, 1))
        defer { ops.deallocate(); keyCols.deallocate(); valueCols.deallocate() }
        func refresh() {
            for k in 0..<cols.codeCount { keyCols[k] = cols.codes[k] }
            for k in 0..<cols.valueCount { valueCols[k] = cols.values[k] }
        }
        if cols.capacity > 0 { refresh() }
        let regionCol = RowColumns.region, industryCol = RowColumns.industry, yearCol = RowColumns.year
        // Key columns no field writes (the one region `ALL` of a firm panel): code 0 each row.
        var written = Set<Int>()
        for c in 0..<fieldCount {
            switch kindList[c] {
            case .region: written.insert(regionCol)
            case .industry: written.insert(industryCol)
            case .year: written.insert(yearCol)
            case .text: written.insert(RowColumns.firstText + indexList[c])
            case .measure, .skip: break
            }
        }
        let unwritten = (0..<cols.codeCount).filter { !written.contains($0) && ($0 != industryCol || hasIndustry) }
        let point = conv == .point ? UInt8(ascii: ".") : UInt8(ascii: ",")
        let bufferEnd = whole.count
        var r = ConsumeResult(next: from)
        var p = from
        rows: while p < to {
            if cols.count == cols.capacity {
                guard room() else {
                    r.error = ConsumeError(message: Self.outOfMemory, help: nil, line: r.lines, rowStart: p, at: p)
                    return r
                }
                refresh()
            }
            let n = cols.count   // after `room`: a full window is followed by new columns
            for k in unwritten { keyCols[k][n] = 0 }
            // One row, all or nothing: it counts only once every field has been read.
            var q = p
            var plain = true
            fields: for c in 0..<fieldCount {
                let s = q
                let op = ops[c]
                // The plainest form of each field, read as it is scanned: digits (a decimal
                // mark) for numbers, four digits for a year, a code without spaces around it,
                // ended by what ends the field. Anything else goes to the careful reading below.
                switch op.kind {
                case .measure:
                    if let (v, e) = Self.plainNumber(base, s, to, point, delimiter), e < to, base[e] == op.end {
                        if !valueCols[op.slot].set(n, v) { escaped[op.slot] = true }
                        q = e + 1; continue fields
                    }
                case .year:
                    if let (y, e) = Self.plainYear(base, s, to, delimiter), e < to, base[e] == op.end {
                        keyCols[yearCol][n] = y; q = e + 1; continue fields
                    }
                case .region:
                    let e = Self.fieldEnd(base, s, to, delimiter)
                    if e < to, base[e] == op.end, e > s, base[s] > 32, base[e - 1] > 32 {
                        keyCols[regionCol][n] = region.intern(base + s, e - s, readable: s + 8 <= bufferEnd); q = e + 1; continue fields
                    }
                case .industry:
                    let e = Self.fieldEnd(base, s, to, delimiter)
                    if e < to, base[e] == op.end, e > s, base[s] > 32, base[e - 1] > 32 {
                        keyCols[industryCol][n] = industry.intern(base + s, e - s, readable: s + 8 <= bufferEnd); q = e + 1; continue fields
                    }
                case .text, .skip:
                    break
                }
                // The careful reading of one field: CRLF, the end of the bytes, padding, empty
                // and missing cells, dates for years.
                q = Self.fieldEnd(base, s, to, delimiter)
                let e = q
                if c + 1 < fieldCount {
                    guard q < to, base[q] == delimiter else { plain = false; break fields }
                    q += 1
                } else if q < to {
                    if base[q] == 10 { q += 1 } else if base[q] == 13 && q + 1 < to && base[q + 1] == 10 { q += 2 } else { plain = false; break fields }
                } else if !eof {
                    plain = false; break fields
                }
                if e > s && (base[s] == 32 || base[s] == 9 || base[e - 1] == 32 || base[e - 1] == 9) { plain = false; break fields }
                let len = e - s
                switch op.kind {
                case .region:
                    if len == 0 { plain = false; break fields }
                    keyCols[regionCol][n] = region.intern(base + s, len)
                case .industry:
                    if len == 0 { plain = false; break fields }
                    keyCols[industryCol][n] = industry.intern(base + s, len)
                case .year:
                    guard let y = CSVLoader.cellYear(base + s, len) else { plain = false; break fields }
                    keyCols[yearCol][n] = y
                    if !CodeColumn.fitsNarrow(y) { wideYear = true }
                case .measure:
                    guard let v = CSVLoader.cellNumber(base + s, len, conv) else { plain = false; break fields }
                    if !valueCols[op.slot].set(n, v) { escaped[op.slot] = true }
                case .text:
                    keyCols[RowColumns.firstText + op.slot][n] = texts[op.slot].intern(base + s, len)
                case .skip:
                    break
                }
            }
            if plain {
                cols.count = n + 1
                rows += 1
                r.lines += 1
                p = q
                r.next = p
                continue rows
            }
            // Not plain (a blank line, spaces, a short row, a bad value…): the general path
            // takes this line, and reports what is wrong with it.
            let lf = memchr(base + p, 10, to - p).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
            let end = lf.map { $0 + 1 } ?? to
            let g = consume(whole, from: p, to: end, eof: lf != nil || eof, scanner: &scanner, conv: conv)
            if cols.capacity > 0 { refresh() }   // the general path may have grown the columns
            if var e = g.error {
                e.line += r.lines
                r.error = e
                return r
            }
            r.lines += g.lines
            if g.next == p { break }   // an incomplete row at the end: more data is needed
            p = g.next
            r.next = p
        }
        return r
    }
}
