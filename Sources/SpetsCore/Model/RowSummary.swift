// RowSummary.swift — what every verb asks of a dataset's rows before it reads them: the years
// present and the regions with rows. Worked out once per dataset in one pass over the key
// columns (halves on two threads when it is large) and kept with it in a workspace, so a
// reopen need not pass over the rows again: on a reopened 12-million-row panel the two
// passes were a fifth of `lq`'s time (docs/performance.md).

public struct RowSummary: Equatable {
    /// Distinct years, ascending.
    public let years: [Int]
    /// Per region code: whether the dataset has rows for it.
    public let regions: [Bool]

    /// A summary kept in a workspace, if it fits a dataset of `rows` rows and `regionCount`
    /// region labels: whole `Int32` years, strictly ascending, some exactly when there are
    /// rows; one 0/1 byte a region, some 1 exactly when there are rows. Nil: work it out again.
    init?(stored yearBytes: [UInt8], regions: [UInt8], rows: Int, regionCount: Int) {
        guard yearBytes.count % 4 == 0, regions.count == regionCount, regions.allSatisfy({ $0 <= 1 }) else { return nil }
        let years = yearBytes.withUnsafeBytes { b in (0..<yearBytes.count / 4).map { Int32(littleEndian: b.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) } }
        guard years.isEmpty == (rows == 0), regions.contains(1) == (rows > 0),
              zip(years, years.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.years = years.map(Int.init)
        self.regions = regions.map { $0 == 1 }
    }

    init(years: [Int], regions: [Bool]) { self.years = years; self.regions = regions }

    /// The summary of whole columns: halves on two threads when the dataset is large.
    static func of(years: CodeColumn, regionCodes: CodeColumn, regions: Int) -> RowSummary {
        func part(_ lo: Int, _ hi: Int) -> Tally {
            var t = Tally(regions: regions)
            years.withWords { t.addYears($0, lo..<hi) }
            regionCodes.withWords { t.addRegions($0, min(lo, $0.count)..<min(hi, $0.count)) }
            return t
        }
        let n = years.count
        var a: Tally
        if n >= 1 << 20 && Parallel.threads > 1 {
            let b: Tally
            (a, b) = Parallel.halves(n, part)
            a.merge(b)
        } else {
            a = part(0, n)
        }
        return RowSummary(years: a.years(all: years), regions: a.regions)
    }

    /// Years and regions seen in some of the rows; pieces merge with `merge`.
    struct Tally {
        /// Four-digit years seen, at `year - 1000`.
        private var seen4 = [Bool](repeating: false, count: 9000)
        /// A year outside 1000–9999 was seen (the answer then needs the slow path).
        private(set) var otherYears = false
        private(set) var regions: [Bool]

        init(regions: Int) { self.regions = [Bool](repeating: false, count: regions) }

        mutating func addYears(_ ys: CodeWords, _ rows: Range<Int>) {
            var other = false
            seen4.withUnsafeMutableBufferPointer { seen in
                // One unsigned compare and a store a row, into 9 KB that stay in L1.
                let p = seen.baseAddress!
                for k in rows {
                    let d = UInt32(bitPattern: ys[k] &- 1000)
                    if d < 9000 { p[Int(d)] = true } else { other = true }
                }
            }
            if other { otherYears = true }
        }

        /// Codes outside the dimension (a damaged workspace) are skipped here; the reader that
        /// uses them refuses them.
        mutating func addRegions(_ rc: CodeWords, _ rows: Range<Int>) {
            regions.withUnsafeMutableBufferPointer { has in
                let n = has.count
                // Rows come in runs of one region: one store a run.
                var last = -1
                for k in rows {
                    let i = Int(rc[k])
                    if i != last { last = i; if i >= 0 && i < n { has[i] = true } }
                }
            }
        }

        mutating func merge(_ o: Tally) {
            for i in seen4.indices where o.seen4[i] { seen4[i] = true }
            for i in regions.indices where o.regions[i] { regions[i] = true }
            if o.otherYears { otherYears = true }
        }

        /// Distinct years, ascending; `all` is read again only when a year had other than four digits.
        func years(all: CodeColumn) -> [Int] {
            if !otherYears { return seen4.indices.filter { seen4[$0] }.map { $0 + 1000 } }
            guard let lo = all.min(), let hi = all.max() else { return [] }
            var seen = [Bool](repeating: false, count: Int(hi) - Int(lo) + 1)
            for y in all { seen[Int(y) - Int(lo)] = true }
            return seen.indices.filter { seen[$0] }.map { $0 + Int(lo) }
        }
    }
}
