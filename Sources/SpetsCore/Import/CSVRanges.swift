// CSVRanges.swift — the streaming pass of a CSV load over byte ranges of the file. A large
// file without quote characters is cut at a line boundary near its middle and the two halves
// are parsed at once, each into its own accumulator, for the whole pass (both cores busy from
// the first byte to the last; the second half's rows are put behind the first's at the end).
// A quote anywhere sends the load back to one pass from the start: a cut could fall inside a
// quoted field, and quoted files are the small ones.

import Glibc
import Synchronization

extension CSVLoader {
    /// What parsing one range gave.
    struct RangeResult {
        /// Physical lines consumed.
        var lines = 0
        /// The first bad row: its line within the range, its character column, what and why.
        var error: (line: Int, column: Int, message: String, help: String?, codeColumn: Int?)? = nil
        /// The range holds a quote character and was to be read plainly.
        var quoted = false
        var interrupted = false
        var failure: Diagnostic? = nil
    }

    /// Set by the half whose columns lose a value, so that the other half stops too: the pass
    /// is read again either way.
    final class Stop: @unchecked Sendable {
        let flag = Atomic<Bool>(false)
    }

    /// The streaming pass, on two threads when the file allows it; the accumulator holds every
    /// row on return. `firstLine` is the file line of the first data byte.
    static func pass(_ file: ChunkedFile, from start: Int, path: String, firstLine: Int, acc: inout CSVAccumulator,
                     estimatedRows: Int, delimiter: UInt8, conv: NumberParsing.Convention) throws(Diagnostic) -> RowFailure? {
        let size = file.size
        if Parallel.threads > 1, plainRows, acc.spread.isEmpty, size - start > parallelThreshold,
           let found = try lineStart(file, near: start + (size - start) / 2, before: size) {
            let cut = found.0, midRowsPerByte = found.rowsPerByte
            var side = CSVAccumulator(layout: acc.layout, columns: acc.columns, markers: acc.markers, narrow: acc.narrow, decimals: acc.decimals)
            // The second half writes from a row a little past where the first half is expected
            // to end; the gap closes at the end (one move of the second half's rows). Every row
            // of the gap is a fresh page touched by that move and one left behind, so the
            // first half's rows are judged from the bytes per row at the start (the sample)
            // and at the cut, not the start alone (L: a gap of 1.15 M rows, 32 MB, was 0.2 M);
            // a first half longer than that spills into columns of its own, joined as well.
            let share = Double(cut - start) / Double(size - start)
            let expected = acc.observations(rows: estimatedRows)
            let startRowsPerByte = Double(estimatedRows) / Double(size - start)
            let firstRows = Double(cut - start) * (startRowsPerByte + midRowsPerByte) / 2
            let first = Int(Double(acc.observations(rows: Int(firstRows))) * 1.02) + 4096
            let second = Int(Double(expected) * (1 - share) * 1.15) + 4096
            let dataset = DatasetColumns(keys: acc.cols.codeCount, decimals: acc.decimals, capacity: first + second, narrow: acc.narrow)
            acc.write(into: dataset, at: 0, capacity: first)
            side.write(into: dataset, at: first, capacity: second)
            var r0 = RangeResult(), r1 = RangeResult()
            let stop = Stop()
            Parallel.both({ r0 = parse(file, start, cut, into: &acc, delimiter: delimiter, conv: conv, plainOnly: true, progress: size, stop: stop) },
                          { r1 = parse(file, cut, size, into: &side, delimiter: delimiter, conv: conv, plainOnly: true, progress: nil, stop: stop) })
            if !r0.quoted && !r1.quoted {
                // In file order: what went wrong in the first half before anything in the second.
                if r0.interrupted || r1.interrupted { throw Diagnostic.interrupted }
                if let f = r0.failure { throw f }
                // The first half read every row before its bad one: that error is final.
                if let e = r0.error { return RowFailure(e, path, firstLine) }
                if acc.cutShort || side.cutShort {
                    // Read again with wider columns (`CSVLoader.load`), told what both halves
                    // met: their codes together (40,000 in all may be 20,000 each), their escapes.
                    acc.absorb(side)
                    acc.cutShort = true
                    return nil
                }
                if let f = r1.failure { throw f }
                if let e = r1.error { return RowFailure(e, path, firstLine + r0.lines) }
                acc.absorb(side)
                return nil
            }
            // A quote somewhere: read the whole file again, in one pass that understands quotes.
            acc = CSVAccumulator(layout: acc.layout, columns: acc.columns, markers: acc.markers, narrow: acc.narrow, decimals: acc.decimals)
        }
        let expected = acc.observations(rows: estimatedRows)
        acc.write(into: DatasetColumns(keys: acc.cols.codeCount, decimals: acc.decimals, capacity: Int(Double(expected) * 1.15) + 4096,
                                       narrow: acc.narrow),
                  at: 0, capacity: Int(Double(expected) * 1.15) + 4096)
        let r = parse(file, start, size, into: &acc, delimiter: delimiter, conv: conv, plainOnly: false, progress: size)
        if let f = r.failure { throw f }
        if r.interrupted { throw Diagnostic.interrupted }
        if acc.cutShort { return nil }
        return r.error.map { RowFailure($0, path, firstLine) }
    }

    /// A bad row, located in the file.
    struct RowFailure {
        let diagnostic: Diagnostic
        /// A measure column that met a text value (the load may read it again as codes).
        let codeColumn: Int?
        init(_ e: (line: Int, column: Int, message: String, help: String?, codeColumn: Int?), _ path: String, _ firstLine: Int) {
            diagnostic = Diagnostic(message: e.message, location: FileLocation(file: path, line: firstLine + e.line, column: e.column), help: e.help)
            codeColumn = e.codeColumn
        }
    }

    /// The offset just after the first line end at or after `near`, if one comes within 1 MB
    /// and before `end`, and the lines per byte in the bytes read there.
    static func lineStart(_ file: ChunkedFile, near: Int, before end: Int) throws(Diagnostic) -> (Int, rowsPerByte: Double)? {
        let window = 1 << 20
        let p = UnsafeMutableRawPointer.allocate(byteCount: window, alignment: 16)
        defer { p.deallocate() }
        let n = try file.read(at: near, into: p, count: min(window, end - near))
        guard let lf = memchr(p, 10, n) else { return nil }
        let cut = near + (p.distance(to: lf)) + 1
        guard cut < end else { return nil }
        let lines = UnsafeRawBufferPointer(start: p, count: n).reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        return (cut, Double(lines) / Double(n))
    }

    /// Parses file bytes start..<end into `acc`, a block at a time. With `plainOnly`, a block
    /// holding a quote stops the range (`quoted`). `progress`: the file size to report
    /// against, from the thread that may draw.
    static func parse(_ file: ChunkedFile, _ start: Int, _ end: Int, into acc: inout CSVAccumulator, delimiter: UInt8,
                      conv: NumberParsing.Convention, plainOnly: Bool, progress: Int?, stop: Stop? = nil) -> RangeResult {
        var r = RangeResult()
        var capacity = chunkSize + (1 << 16)
        var buf = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buf.deallocate() }
        var have = 0, offset = start
        var scanner = CSVScanner(delimiter: delimiter)
        while true {
            if Interrupt.requested { r.interrupted = true; return r }
            // Where the whole file would be at this share of the range (in Double: the product
            // of two byte counts overflows past 3 GB).
            if let progress { Progress.report(done: start + Int(Double(offset - start) / Double(max(end - start, 1)) * Double(progress - start)), total: progress) }
            let got: Int
            do { got = try file.read(at: offset, into: buf + have, count: min(capacity - have, end - offset)) } catch { r.failure = error; return r }
            have += got; offset += got
            let eof = offset >= end || got == 0
            let b = UnsafeBufferPointer(start: UnsafePointer(buf), count: have)
            let plain = plainRows && acc.spread.isEmpty && !containsQuote(b, 0, have)
            if plainOnly && !plain { r.quoted = true; return r }
            let c = plain ? acc.consumePlain(b, from: 0, to: have, eof: eof, delimiter: delimiter, scanner: &scanner, conv: conv)
                          : acc.consume(b, from: 0, to: have, eof: eof, scanner: &scanner, conv: conv)
            if let e = c.error {
                r.error = (r.lines + e.line, column(b, e.rowStart, e.at), e.message, e.help, e.codeColumn)
                return r
            }
            r.lines += c.lines
            // Columns that lost a value (here or in the other half): the rest of the range is
            // not worth reading now.
            if acc.overflows { acc.cutShort = true; stop?.flag.store(true, ordering: .relaxed); return r }
            if stop?.flag.load(ordering: .relaxed) == true { acc.cutShort = true; return r }
            if eof { return r }
            // Keep the incomplete last row; a row longer than the buffer doubles it.
            let next = c.next
            if next == 0 && have == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.initialize(from: buf, count: have)
                buf.deallocate()
                buf = bigger; capacity *= 2
            } else {
                memmove(buf, buf + next, have - next)
                have -= next
            }
        }
    }
}
