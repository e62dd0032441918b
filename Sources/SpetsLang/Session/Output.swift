// Output.swift — where the runner's text goes: results, status messages and errors.
import Glibc
import SpetsCore

public protocol OutputSink: AnyObject {
    func result(_ s: String)
    func message(_ s: String)
    func error(_ s: String)
    /// An SVG chart from `plot`; only notebooks keep it.
    func figure(_ svg: String)
    /// A result table; by default drawn in the session's format as result text.
    func table(_ t: Table, _ settings: RenderSettings)
}

extension OutputSink {
    public func figure(_ svg: String) {}
    /// Handed on in pieces of whole rows: a CSV of millions of rows never exists whole in memory.
    public func table(_ t: Table, _ settings: RenderSettings) {
        let sink = ByteSink { b in self.result(String(decoding: b, as: UTF8.self)) }
        do {
            try settings.format.write(t, settings, to: sink)
            if settings.format == .table || settings.format == .markdown { sink.append(10) }
            try sink.flush()
        } catch {
            self.error(DiagnosticRenderer.render(error, language: settings.language))
        }
    }
}

/// stdout/stderr through raw writes (no Foundation, no Swift `print` buffering surprises).
public final class StandardOutput: OutputSink {
    public init() {}
    public func result(_ s: String) { Self.write(1, s) }
    public func message(_ s: String) { Self.write(2, s) }
    public func error(_ s: String) { Self.write(2, s) }

    public static func write(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        bytes.withUnsafeMutableBytes { b in
            var off = 0
            while off < b.count {
                let n = Glibc.write(fd, b.baseAddress! + off, b.count - off)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
                off += n
            }
        }
    }
}

/// Collects everything, for tests and notebooks.
public final class CapturedOutput: OutputSink {
    public var results = "", messages = "", errors = ""
    /// Everything in the order it was written, as a person at a terminal would see it.
    public var combined = ""
    public var figures: [String] = []
    public init() {}
    public func figure(_ svg: String) { figures.append(svg) }
    public func result(_ s: String) { results += s; combined += s }
    public func message(_ s: String) { messages += s; combined += s }
    public func error(_ s: String) { errors += s; combined += s }
}
