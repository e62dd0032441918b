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

    /// Parses the rows in b[from..<to] like `consume`, taking plain rows itself. Only for
    /// the long layout and for bytes without a quote character.
    mutating func consumePlain(_ whole: UnsafeBufferPointer<UInt8>, from: Int, to: Int, eof: Bool, delimiter: UInt8,
                               scanner: inout CSVScanner, conv: NumberParsing.Convention) -> ConsumeResult {
        let base = whole.baseAddress!
        let (kinds, index) = Self.plainKinds(layout.roles)
        let values = UnsafeMutablePointer<Double>.allocate(capacity: max(measures.count, 1))
        let textRow = UnsafeMutablePointer<Int32>.allocate(capacity: max(texts.count, 1))
        defer { values.deallocate(); textRow.deallocate() }
        var r = ConsumeResult(next: from)
        var p = from
        rows: while p < to {
            // One row, all or nothing: nothing is appended until every field has been read.
            var q = p
            var reg: Int32 = 0, ind: Int32 = 0, year: Int32 = 0
            var plain = true
            fields: for c in 0..<kinds.count {
                let s = q
                q = Self.fieldEnd(base, q, to, delimiter)
                let e = q
                if c + 1 < kinds.count {
                    guard q < to, base[q] == delimiter else { plain = false; break fields }
                    q += 1
                } else if q < to {
                    if base[q] == 10 { q += 1 } else if base[q] == 13 && q + 1 < to && base[q + 1] == 10 { q += 2 } else { plain = false; break fields }
                } else if !eof {
                    plain = false; break fields
                }
                if e > s && (base[s] == 32 || base[s] == 9 || base[e - 1] == 32 || base[e - 1] == 9) { plain = false; break fields }
                let n = e - s
                switch kinds[c] {
                case .region:
                    if n == 0 { plain = false; break fields }
                    reg = region.intern(base + s, n)
                case .industry:
                    if n == 0 { plain = false; break fields }
                    ind = industry.intern(base + s, n)
                case .year:
                    guard let y = CSVLoader.cellYear(base + s, n) else { plain = false; break fields }
                    year = y
                case .measure:
                    guard let v = CSVLoader.cellNumber(base + s, n, conv) else { plain = false; break fields }
                    values[index[c]] = v
                case .text:
                    textRow[index[c]] = texts[index[c]].intern(base + s, n)
                case .skip:
                    break
                }
            }
            if plain {
                regionCodes.append(reg)
                if hasIndustry { industryCodes.append(ind) }
                years.append(year)
                for k in 0..<texts.count { textCodes[k].append(textRow[k]) }
                for k in 0..<measures.count { measures[k].append(values[k]) }
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
