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
    /// The message in English (what tests and logs read). Changing it by hand (a prefix)
    /// leaves a plain text: its id no longer says what it is.
    public var message: String { didSet { content = nil } }
    /// The message as data (an id and its parts), rendered in the session's language.
    public private(set) var content: Message? = nil
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

    /// A message by id: `Diagnostic(.noDataset, name, span: …)`. The parts are written as
    /// string interpolation would write them.
    public init(_ id: MessageID, _ args: Any..., span: Range<Int>? = nil, location: FileLocation? = nil,
                help: String? = nil, candidates: [String] = [], severity: Severity = .error) {
        self.init(Message(id, any: args), span: span, location: location, help: help, candidates: candidates, severity: severity)
    }

    public init(_ m: Message, span: Range<Int>? = nil, location: FileLocation? = nil,
                help: String? = nil, candidates: [String] = [], severity: Severity = .error) {
        self.init(message: m.text(.en), span: span, location: location, help: help, candidates: candidates, severity: severity)
        content = m
    }

    /// This diagnostic inside another message (`reference region: …`), span and help kept.
    public func wrapped(in id: MessageID, _ before: Any...) -> Diagnostic {
        Diagnostic(Message(id, any: before + [self]), span: span, location: location, help: help, candidates: candidates, severity: severity)
    }

    /// The message in a language (by id when it has one; else the catalogue's matcher).
    public func text(_ lang: Language) -> String { content?.text(lang) ?? Catalogue.text(message, lang) }

    public static func io(_ path: String, _ code: Int32) -> Diagnostic {
        Diagnostic(.cannotOpen, path, FileIO.errorText(code).lowercased())
    }

    public static let interrupted = Diagnostic(.interrupted)

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
