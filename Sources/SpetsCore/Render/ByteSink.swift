// ByteSink.swift — rendered bytes on their way to a file or stdout, handed on in pieces of
// about a megabyte, so a 12-million-row export never exists whole in memory (it took 1.3 GB
// as one String). Between pieces it honours Ctrl-C and reports progress.

public final class ByteSink {
    private var buffer: [UInt8] = []
    let threshold: Int
    let emit: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void

    /// `emit` receives each piece; nil keeps everything in `buffer` (for `render` to a String).
    public init(threshold: Int = 1 << 20, emit: ((UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void)? = nil) {
        self.threshold = emit == nil ? Int.max : threshold
        self.emit = emit ?? { _ in }
        buffer.reserveCapacity(min(self.threshold, 1 << 20) + 4096)
    }

    @inline(__always) public func append(_ s: String) { buffer.append(contentsOf: s.utf8) }
    @inline(__always) public func append(_ b: UInt8) { buffer.append(b) }
    @inline(__always) public func append(_ b: [UInt8]) { buffer.append(contentsOf: b) }

    /// A number as `NumberFormatting.exact` writes it; whole numbers digit by digit without a String.
    public func appendExact(_ v: Double) {
        if v == v.rounded() && abs(v) < 1e15 {
            var n = Int64(v)
            if n == 0 { buffer.append(48); return }
            if n < 0 { buffer.append(45); n = -n }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var k = 0
            withUnsafeMutableBytes(of: &digits) { d in
                while n > 0 { d[k] = UInt8(48 + n % 10); n /= 10; k += 1 }
                while k > 0 { k -= 1; buffer.append(d[k]) }
            }
            return
        }
        buffer.append(contentsOf: v.description.utf8)
    }

    /// Hands the buffer on once it is full; call after each row. Checks for Ctrl-C there too.
    @inline(__always) public func rowDone(_ row: Int, of total: Int) throws(Diagnostic) {
        guard buffer.count >= threshold else { return }
        try Diagnostic.checkInterrupt()
        Progress.report(done: row, total: total, unit: .rows)
        try flush()
    }

    public func flush() throws(Diagnostic) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { (b) throws(Diagnostic) in try emit(b) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// What was collected, when the sink keeps everything.
    public var text: String { String(decoding: buffer, as: UTF8.self) }
}
