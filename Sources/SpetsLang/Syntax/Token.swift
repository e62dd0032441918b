// Token.swift — the lexer's output: kind, raw text and byte span in the source.

public enum TokenKind: Equatable, Sendable {
    case identifier
    case number        // value in `number`; `25%` is 0.25; raw text kept (`08` stays `08`)
    case string        // unescaped value in `text`
    case symbol        // | , ; ( ) . .. = != < <= > >= : + - * /
    case newline       // a statement separator (newline or `;`)
    case end
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var text: String
    public var number: Double = 0
    public var span: Range<Int>
    /// True for numbers written with a `%` suffix.
    public var percent = false

    public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    /// Keywords are identifiers compared case-insensitively.
    public func isWord(_ w: String) -> Bool { kind == .identifier && text.lowercased() == w }
}
