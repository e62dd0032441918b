// RowColumns.swift — the columns one piece of a load fills: a key column per key (region,
// industry, year, each text column: Int16 words when narrow, else Int32, see CodeColumn.swift)
// and a Double column per measure, all one length, written in place through pointers. Each column is its own anonymous mapping, so that
//  - it can ask for huge pages: a fresh 4 KB page costs a fault (~3 µs on this machine kind),
//    which was a third of a load's time (docs/performance.md);
//  - it grows with mremap, moving page tables instead of copying rows;
//  - its memory goes back to the system as soon as its rows are copied into the dataset,
//    so a load's peak stays near one copy of the data.
// Swift arrays could give none of these three, hence the hand-written buffer.

import Glibc
import CSpetsSupport

/// One key column's memory while a load writes it: Int16 words (narrow) or Int32. A narrow
/// column keeps the low 16 bits of what is stored; the accumulator tells when a value did not
/// fit (`CSVAccumulator.overflows`) and the load is read again with wide columns.
struct KeyColumn {
    let base: UnsafeMutableRawPointer
    let narrow: Bool
    var width: Int { narrow ? 2 : 4 }
    @inline(__always) subscript(n: Int) -> Int32 {
        get { narrow ? Int32(base.load(fromByteOffset: n &<< 1, as: Int16.self)) : base.load(fromByteOffset: n &<< 2, as: Int32.self) }
        nonmutating set {
            if narrow { base.storeBytes(of: Int16(truncatingIfNeeded: newValue), toByteOffset: n &<< 1, as: Int16.self) }
            else { base.storeBytes(of: newValue, toByteOffset: n &<< 2, as: Int32.self) }
        }
    }
    func advanced(by rows: Int) -> KeyColumn { KeyColumn(base: base + rows * width, narrow: narrow) }
}

/// One measure column's memory while a load writes it: Double, or the Int32 words of a
/// scaled measure (ScaledValues.swift). A value a scaled column cannot keep to the bit is not
/// stored: `set` returns false, and the load keeps that measure as Double instead.
struct ValueColumn {
    let base: UnsafeMutableRawPointer
    /// 10^decimals of a scaled column; 0 for Double.
    let divisor: Double
    var width: Int { divisor == 0 ? 8 : 4 }
    @inline(__always) func set(_ n: Int, _ v: Double) -> Bool {
        if divisor == 0 { base.storeBytes(of: v, toByteOffset: n &<< 3, as: Double.self); return true }
        guard let w = ScaledValues.encode(v, divisor) else { return false }
        base.storeBytes(of: w, toByteOffset: n &<< 2, as: Int32.self)
        return true
    }
    func advanced(by rows: Int) -> ValueColumn { ValueColumn(base: base + rows * width, divisor: divisor) }
}

/// A measure's column as a load gives it.
enum LoadedValues {
    case doubles([Double]), words([Int32], decimals: Int)
    /// Drops the last `k` rows, in place.
    mutating func dropLast(_ k: Int) {
        switch self {
        case .doubles(var a): self = .doubles([]); a.removeLast(k); self = .doubles(a)
        case .words(var a, let d): self = .doubles([]); a.removeLast(k); self = .words(a, decimals: d)
        }
    }
}

final class RowColumns {
    /// Key columns: region, industry, year, then one per text column.
    static let region = 0, industry = 1, year = 2, firstText = 3

    let codeCount: Int
    let valueCount: Int
    /// Key columns of Int16 words (else Int32).
    let narrow: Bool
    private var keyWidth: Int { narrow ? 2 : 4 }
    /// Rows written.
    var count = 0
    private(set) var capacity = 0
    private(set) var codes: [KeyColumn] = []
    private(set) var values: [ValueColumn] = []
    /// Per measure, 10^decimals when scaled, 0 for Double.
    let divisors: [Double]
    /// When these rows are written straight into the dataset's columns: which, and from
    /// which row. Such columns do not grow; the accumulator goes on in new ones.
    let window: (columns: DatasetColumns, at: Int)?

    init(texts: Int, decimals: [Int?], narrow: Bool) {
        codeCount = Self.firstText + texts
        valueCount = decimals.count
        divisors = decimals.map { $0.map(ScaledValues.power) ?? 0 }
        self.narrow = narrow
        window = nil
    }

    init(window columns: DatasetColumns, at: Int, capacity: Int) {
        codeCount = columns.keyBases.count
        valueCount = columns.valueBases.count
        divisors = columns.valueBases.map(\.divisor)
        narrow = columns.narrow
        window = (columns, at)
        codes = columns.keyBases.map { $0.advanced(by: at) }
        values = columns.valueBases.map { $0.advanced(by: at) }
        self.capacity = capacity
    }

    // Rows each owned column is mapped for: they part from `capacity` only when growing
    // failed halfway, and then `deinit` still unmaps what each column has.
    private var codeRows: [Int] = [], valueRows: [Int] = []

    deinit {
        guard window == nil else { return }
        for (c, n) in zip(codes, codeRows) { Self.unmap(c.base, n * keyWidth) }
        for (v, n) in zip(values, valueRows) { Self.unmap(v.base, n * v.width) }
    }

    /// Room for at least `rows` rows; false when the system has no memory to give (or these
    /// are a window).
    func reserve(_ rows: Int) -> Bool {
        guard rows > capacity else { return true }
        guard window == nil else { return false }
        // Whole huge pages of Double (2 MB = 262,144 rows), at least one.
        let step = 1 << 18
        let want = (max(rows, step) + step - 1) / step * step
        for k in 0..<codeCount {
            let old = k < codes.count
            guard let p = Self.remap(old ? codes[k].base : nil, old ? codeRows[k] * keyWidth : 0, want * keyWidth) else { return false }
            let q = KeyColumn(base: p, narrow: narrow)
            if old { codes[k] = q; codeRows[k] = want } else { codes.append(q); codeRows.append(want) }
        }
        for k in 0..<valueCount {
            let old = k < values.count, w = divisors[k] == 0 ? 8 : 4
            guard let p = Self.remap(old ? values[k].base : nil, old ? valueRows[k] * w : 0, want * w) else { return false }
            let q = ValueColumn(base: p, divisor: divisors[k])
            if old { values[k] = q; valueRows[k] = want } else { values.append(q); valueRows.append(want) }
        }
        capacity = want
        return true
    }

    /// Moves rows 0..<count of key column `k` to `to` — in the same dataset columns, up or
    /// down (a window) — each code through `map` when given.
    func shiftCodes(_ k: Int, to: KeyColumn, map: [Int32]?) {
        let src = codes[k], n = count
        guard let map else { if to.base != src.base { memmove(to.base, src.base, n * keyWidth) }; return }
        map.withUnsafeBufferPointer { m in
            if to.base <= src.base { for i in 0..<n { to[i] = m[Int(src[i])] } }
            else { var i = n; while i > 0 { i -= 1; to[i] = m[Int(src[i])] } }
        }
    }

    /// As `shiftCodes`, for measure column `k`.
    func shiftValues(_ k: Int, to: ValueColumn) {
        if to.base != values[k].base { memmove(to.base, values[k].base, count * to.width) }
    }

    /// Copies rows 0..<count of key column `k` to `to`, each code through `map` when given,
    /// and returns the column's memory as it goes.
    func moveCodes(_ k: Int, to: KeyColumn, map: [Int32]?) {
        let src = codes[k], w = keyWidth
        Self.inStrides(count, src.base, width: w) { lo, hi in
            if let map {
                map.withUnsafeBufferPointer { m in for i in lo..<hi { to[i] = m[Int(src[i])] } }
            } else {
                memcpy(to.base + lo * w, src.base + lo * w, (hi - lo) * w)
            }
        }
    }

    /// As `moveCodes`, for measure column `k`.
    func moveValues(_ k: Int, to: ValueColumn) {
        let src = values[k], w = src.width
        Self.inStrides(count, src.base, width: w) { lo, hi in memcpy(to.base + lo * w, src.base + lo * w, (hi - lo) * w) }
    }

    /// Runs `body` over 0..<n in strides of 2 MB of `width`-byte elements, releasing the whole
    /// pages of each stride of `src` once done (only whole pages inside the rows: a window's
    /// neighbour may share its first or last page).
    private static func inStrides(_ n: Int, _ src: UnsafeMutableRawPointer, width: Int, _ body: (Int, Int) -> Void) {
        let stride = (2 << 20) / width, page = 4096
        var lo = 0
        while lo < n {
            let hi = min(n, lo + stride)
            body(lo, hi)
            let a = (Int(bitPattern: src + lo * width) + page - 1) & ~(page - 1), b = Int(bitPattern: src + hi * width) & ~(page - 1)
            if b > a { madvise(UnsafeMutableRawPointer(bitPattern: a), b - a, MADV_DONTNEED) }
            lo = hi
        }
    }

    private static func remap(_ old: UnsafeMutableRawPointer?, _ oldBytes: Int, _ bytes: Int) -> UnsafeMutableRawPointer? {
        let p: UnsafeMutableRawPointer?
        if let old {
            p = spets_mremap_grow(old, oldBytes, bytes)
        } else {
            let r = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            p = r == MAP_FAILED ? nil : r
        }
        if let p { HugePages.advise(p, bytes) }
        return p
    }

    private static func unmap(_ p: UnsafeMutableRawPointer, _ bytes: Int) {
        if bytes > 0 { munmap(p, bytes) }
    }
}

/// The dataset's columns, made before the pass at the size the file is expected to need
/// (address space only: pages never written are never resident), so that the pass writes each
/// row where it stays and the kernel zeroes each page once. Each array's count is its capacity
/// from the start (its elements are plain numbers, written before they are read); `take`
/// cuts them to the rows the load gave.
final class DatasetColumns {
    let capacity: Int
    let narrow: Bool
    private var narrowKeys: [[Int16]] = [], wideKeys: [[Int32]] = []
    private var values: [LoadedValues] = []
    // Valid while the arrays are neither changed nor copied: only `take` does either, last.
    let keyBases: [KeyColumn]
    let valueBases: [ValueColumn]

    /// `decimals`: per measure, those of a scaled measure, nil for Double.
    init(keys: Int, decimals: [Int?], capacity: Int, narrow: Bool) {
        self.capacity = capacity
        self.narrow = narrow
        var kb: [KeyColumn] = [], vb: [ValueColumn] = []
        // Debug builds fill the columns with a code no dataset has, so that a row the pass
        // forgets to write shows in every test instead of in reused memory, now and then.
        for _ in 0..<keys {
            if narrow {
                var a = HugePages.array(capacity) { (p: UnsafeMutablePointer<Int16>) in
                    #if DEBUG
                    p.initialize(repeating: .min, count: capacity)
                    #endif
                }
                kb.append(KeyColumn(base: UnsafeMutableRawPointer(a.withUnsafeMutableBufferPointer { $0.baseAddress! }), narrow: true))
                narrowKeys.append(a)
            } else {
                var a = HugePages.array(capacity) { (p: UnsafeMutablePointer<Int32>) in
                    #if DEBUG
                    p.initialize(repeating: -0x0BAD_C0DE, count: capacity)
                    #endif
                }
                kb.append(KeyColumn(base: UnsafeMutableRawPointer(a.withUnsafeMutableBufferPointer { $0.baseAddress! }), narrow: false))
                wideKeys.append(a)
            }
        }
        for d in decimals {
            if let d {
                var a = HugePages.array(capacity) { (p: UnsafeMutablePointer<Int32>) in
                    #if DEBUG
                    p.initialize(repeating: ScaledValues.missing + 1, count: capacity)
                    #endif
                }
                vb.append(ValueColumn(base: UnsafeMutableRawPointer(a.withUnsafeMutableBufferPointer { $0.baseAddress! }), divisor: ScaledValues.power(d)))
                values.append(.words(a, decimals: d))
            } else {
                var a = HugePages.array(capacity) { (p: UnsafeMutablePointer<Double>) in
                    #if DEBUG
                    p.initialize(repeating: -.greatestFiniteMagnitude, count: capacity)
                    #endif
                }
                vb.append(ValueColumn(base: UnsafeMutableRawPointer(a.withUnsafeMutableBufferPointer { $0.baseAddress! }), divisor: 0))
                values.append(.doubles(a))
            }
        }
        keyBases = kb; valueBases = vb
    }

    /// The columns, cut to `rows`; once. Pages past the rows (the second half's old place,
    /// the estimate's spare) go back to the system.
    func take(rows: Int) -> (keys: [CodeColumn], values: [LoadedValues]) {
        func release(_ p: UnsafeMutableRawPointer, _ from: Int, _ to: Int) {
            let a = (Int(bitPattern: p) + from + 4095) & ~4095, b = (Int(bitPattern: p) + to) & ~4095
            if b > a { madvise(UnsafeMutableRawPointer(bitPattern: a), b - a, MADV_DONTNEED) }
        }
        for b in keyBases { release(b.base, rows * b.width, capacity * b.width) }
        for b in valueBases { release(b.base, rows * b.width, capacity * b.width) }
        var n: [[Int16]] = [], w: [[Int32]] = [], v: [LoadedValues] = []
        swap(&n, &narrowKeys); swap(&w, &wideKeys); swap(&v, &values)
        for i in n.indices { n[i].removeLast(capacity - rows) }
        for i in w.indices { w[i].removeLast(capacity - rows) }
        for i in v.indices { v[i].dropLast(capacity - rows) }
        return (n.map(CodeColumn.init(narrow:)) + w.map(CodeColumn.init(wide:)), v)
    }
}
