// Diagnostic.swift — the one error value of spets: what was wrong, where, and what is valid.
import Glibc

/// A place in a file (1-based line and column, columns in characters).
public struct FileLocation: Equatable, Sendable {
    public var file: String
    public var line: Int
    public var column: Int?
    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file; self.line = line; self.column = column
    }
}

/// Errors are values: nothing in spets calls fatalError on user input. The language layer
/// fills `span` (byte offsets into the statement's source); loaders fill `location`.
public struct Diagnostic: Error, Equatable, Sendable {
    /// An error stops the statement; a warning is said and the work goes on.
    public enum Severity: Sendable { case error, warning }
    public var message: String
    public var severity: Severity = .error
    public var span: Range<Int>?
    public var location: FileLocation?
    public var help: String?
    public var candidates: [String]

    public init(message: String, span: Range<Int>? = nil, location: FileLocation? = nil,
                help: String? = nil, candidates: [String] = [], severity: Severity = .error) {
        self.message = message; self.span = span; self.location = location
        self.help = help; self.candidates = candidates; self.severity = severity
    }

    public static func io(_ path: String, _ code: Int32) -> Diagnostic {
        Diagnostic(message: "cannot open \(path): \(FileIO.errorText(code).lowercased())")
    }

    public static let interrupted = Diagnostic(message: "interrupted")

    /// Throws `interrupted` if Ctrl-C was pressed; long loops call this every few thousand steps.
    @inline(__always)
    public static func checkInterrupt() throws(Diagnostic) {
        if Interrupt.requested { throw interrupted }
    }

    public func at(_ span: Range<Int>) -> Diagnostic {
        var d = self
        if d.span == nil { d.span = span }
        return d
    }
}
