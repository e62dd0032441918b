// CodeColumn.swift — one key column of a dataset (region, industry, year or an extra
// dimension's codes): two bytes a row when every value fits an Int16, four otherwise. Almost
// every real dimension has fewer than 32,768 labels and every year fits, so a 12-million-row
// panel's three key columns take 72 MB instead of 144 (a row 22 bytes instead of 28: the
// peak memory of a load and the pages a reopen must fault in). Values read as Int32 either
// way; the width is storage only and never changes a result.

public struct CodeColumn: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    enum Storage: Sendable { case narrow([Int16]), wide([Int32]) }
    private(set) var storage: Storage

    /// The codes, two bytes each when all fit.
    public init(_ codes: [Int32]) {
        storage = Self.fitsNarrow(codes) ? .narrow(codes.map { Int16(truncatingIfNeeded: $0) }) : .wide(codes)
    }
    public init(arrayLiteral elements: Int32...) { self.init(elements) }
    public init() { storage = .narrow([]) }
    init(narrow: [Int16]) { storage = .narrow(narrow) }
    /// Four bytes a row whatever the values (a workspace written before narrow columns).
    init(wide: [Int32]) { storage = .wide(wide) }

    /// Whether `v` is kept whole in two bytes.
    @inline(__always) static func fitsNarrow(_ v: Int32) -> Bool { v == Int32(Int16(truncatingIfNeeded: v)) }

    static func fitsNarrow(_ codes: [Int32]) -> Bool {
        codes.withUnsafeBufferPointer { b in
            var ok = true
            for v in b { ok = ok && fitsNarrow(v) }   // branch-free: vectorises
            return ok
        }
    }

    public var isNarrow: Bool { if case .narrow = storage { return true }; return false }
    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage { case .narrow(let a): return a.count; case .wide(let a): return a.count }
    }
    public subscript(i: Int) -> Int32 {
        switch storage { case .narrow(let a): return Int32(a[i]); case .wide(let a): return a[i] }
    }
    /// The codes as four-byte integers (a copy when narrow): for tables and code that needs an array.
    public var array: [Int32] {
        switch storage { case .narrow(let a): return a.map(Int32.init); case .wide(let a): return a }
    }

    /// Hot loops read through `CodeWords` (a pointer and the width), valid inside `body` only.
    public func withWords<R, E: Error>(_ body: (CodeWords) throws(E) -> R) throws(E) -> R {
        switch storage {
        case .narrow(let a):
            return try a.withUnsafeBufferPointer { (b) throws(E) -> R in try body(CodeWords(UnsafeRawPointer(b.baseAddress), count: b.count, narrow: true)) }
        case .wide(let a):
            return try a.withUnsafeBufferPointer { (b) throws(E) -> R in try body(CodeWords(UnsafeRawPointer(b.baseAddress), count: b.count, narrow: false)) }
        }
    }

    /// The stored bytes (a workspace blob): `width` bytes a row, little-endian.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer, _ width: Int) -> R) -> R {
        switch storage {
        case .narrow(let a): return a.withUnsafeBytes { body($0, 2) }
        case .wide(let a): return a.withUnsafeBytes { body($0, 4) }
        }
    }

    /// Smallest and largest code in one pass (Collection's `min()` and `max()` would be two
    /// passes through the subscript).
    public var bounds: (min: Int32, max: Int32)? {
        guard !isEmpty else { return nil }
        return withWords { w in
            var lo = Int32.max, hi = Int32.min
            for k in 0..<w.count { let v = w[k]; lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
            return (lo, hi)
        }
    }
    public func min() -> Int32? { bounds?.min }
    public func max() -> Int32? { bounds?.max }

    /// The rows whose flag is set.
    public func kept(_ keep: [Bool], count: Int) -> CodeColumn {
        switch storage {
        case .narrow(let a): return CodeColumn(narrow: a.kept(keep, count: count))
        case .wide(let a): return CodeColumn(a.kept(keep, count: count))
        }
    }

    /// These codes followed by `more`.
    public func appending(_ more: [Int32]) -> CodeColumn { CodeColumn(array + more) }
}

extension CodeColumn: Equatable {
    /// Equal values are equal columns, whatever their widths.
    public static func == (a: CodeColumn, b: CodeColumn) -> Bool {
        switch (a.storage, b.storage) {
        case (.narrow(let x), .narrow(let y)): return x == y
        case (.wide(let x), .wide(let y)): return x == y
        default: return a.count == b.count && a.elementsEqual(b)
        }
    }
}

extension CodeColumn: CustomStringConvertible {
    public var description: String { array.description }
}

/// A code column's memory for a hot loop: Int16 or Int32 words, read as Int32. The width test
/// is the same on every row, so the branch predicts perfectly and costs next to nothing
/// beside the memory traffic it halves.
public struct CodeWords {
    let base: UnsafeRawPointer?
    public let count: Int
    let narrow: Bool
    init(_ base: UnsafeRawPointer?, count: Int, narrow: Bool) { self.base = base; self.count = count; self.narrow = narrow }
    public var isEmpty: Bool { count == 0 }
    @inline(__always) public subscript(k: Int) -> Int32 {
        assert(k >= 0 && k < count)   // unchecked in release, as UnsafeBufferPointer is
        return narrow ? Int32(base.unsafelyUnwrapped.load(fromByteOffset: k &<< 1, as: Int16.self))
                      : base.unsafelyUnwrapped.load(fromByteOffset: k &<< 2, as: Int32.self)
    }
}
