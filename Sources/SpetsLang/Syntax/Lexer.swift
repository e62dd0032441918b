// Lexer.swift — source text → tokens with byte spans. Statements end at a newline or `;`,
import SpetsCore
// except inside brackets, after a trailing `|` or `,`, or before a line that starts with `|`.

public struct LexResult {
    public var tokens: [Token]
    public var diagnostics: [Diagnostic]
    /// The input stops mid-statement (open string or bracket, trailing `|` or `,`): an
    /// interactive reader should ask for another line.
    public var incomplete: Bool
}

public struct Lexer {
    let bytes: [UInt8]
    var i = 0
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    var depth = 0
    var openString = false

    public init(_ source: String) { bytes = Array(source.utf8) }

    public static func lex(_ source: String) -> LexResult {
        var l = Lexer(source)
        return l.run()
    }

    static let twoCharSymbols: Set<String> = ["..", "!=", "<=", ">=", "<>", "=="]
    static let oneCharSymbols: Set<UInt8> = Set("|,()[].=<>:+-*/".utf8)

    mutating func run() -> LexResult {
        while i < bytes.count {
            let c = bytes[i]
            if c == 32 || c == 9 || c == 13 { i += 1; continue }
            if c == UInt8(ascii: "#") { while i < bytes.count && bytes[i] != 10 { i += 1 }; continue }
            if c == 10 || c == UInt8(ascii: ";") { separator(at: i, semicolon: c == UInt8(ascii: ";")); i += 1; continue }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { string(quote: c); continue }
            if c &- 48 < 10 { number(); continue }
            if isIdentStart(c) { identifier(); continue }
            if i + 1 < bytes.count, Self.twoCharSymbols.contains(String(decoding: bytes[i...(i + 1)], as: UTF8.self)) {
                var t = String(decoding: bytes[i...(i + 1)], as: UTF8.self)
                if t == "<>" { t = "!=" }
                if t == "==" { t = "=" }
                tokens.append(Token(kind: .symbol, text: t, span: i..<(i + 2)))
                i += 2
                continue
            }
            if Self.oneCharSymbols.contains(c) {
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") { depth += 1 }
                if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") { depth = max(0, depth - 1) }
                tokens.append(Token(kind: .symbol, text: String(UnicodeScalar(c)), span: i..<(i + 1)))
                i += 1
                continue
            }
            // An unexpected character: one diagnostic, skip the whole UTF-8 sequence.
            var e = i + 1
            while e < bytes.count && bytes[e] & 0xC0 == 0x80 { e += 1 }
            let ch = String(decoding: bytes[i..<e], as: UTF8.self)
            diagnostics.append(Diagnostic(.unexpectedCharacter, ch, span: i..<e,
                                          help: "names are letters, digits and _; text goes in \"quotes\""))
            i = e
        }
        let last = tokens.last
        let trailing = last.map { $0.isSymbol("|") || $0.isSymbol(",") } ?? false
        tokens.append(Token(kind: .end, text: "", span: bytes.count..<bytes.count))
        return LexResult(tokens: tokens, diagnostics: diagnostics, incomplete: openString || depth > 0 || trailing)
    }

    mutating func separator(at p: Int, semicolon: Bool) {
        if !semicolon {
            if depth > 0 { return }
            if let last = tokens.last, last.isSymbol("|") || last.isSymbol(",") { return }
            // A following line that starts with `|` continues this statement.
            var j = p + 1
            while j < bytes.count && (bytes[j] == 32 || bytes[j] == 9 || bytes[j] == 13 || bytes[j] == 10) { j += 1 }
            if j < bytes.count && bytes[j] == UInt8(ascii: "|") && !(j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: "|")) { return }
        }
        if let last = tokens.last, last.kind == .newline { return }
        if tokens.isEmpty { return }
        tokens.append(Token(kind: .newline, text: semicolon ? ";" : "\n", span: p..<(p + 1)))
    }

    func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0xC0
    }

    func isIdentChar(_ c: UInt8) -> Bool { isIdentStart(c) || c &- 48 < 10 || (c >= 0x80 && c < 0xC0) }

    mutating func identifier() {
        let s = i
        while i < bytes.count && isIdentChar(bytes[i]) { i += 1 }
        tokens.append(Token(kind: .identifier, text: String(decoding: bytes[s..<i], as: UTF8.self), span: s..<i))
    }

    mutating func number() {
        let s = i
        while i < bytes.count && bytes[i] &- 48 < 10 { i += 1 }
        // A decimal point, but not the `..` of a range (2010..2023).
        if i + 1 < bytes.count && bytes[i] == UInt8(ascii: ".") && bytes[i + 1] &- 48 < 10 {
            i += 1
            while i < bytes.count && bytes[i] &- 48 < 10 { i += 1 }
        }
        // Letters glued to digits make a code such as `2008A` or `10a`: an identifier-like word.
        if i < bytes.count && isIdentStart(bytes[i]) {
            while i < bytes.count && isIdentChar(bytes[i]) { i += 1 }
            tokens.append(Token(kind: .identifier, text: String(decoding: bytes[s..<i], as: UTF8.self), span: s..<i))
            return
        }
        let raw = String(decoding: bytes[s..<i], as: UTF8.self)
        var value = Double(raw) ?? 0
        var t = Token(kind: .number, text: raw, span: s..<i)
        if i < bytes.count && bytes[i] == UInt8(ascii: "%") {
            i += 1
            value /= 100
            t.percent = true
            t.span = s..<i
        }
        if !value.isFinite || raw.count > 300 {
            diagnostics.append(Diagnostic(.numberTooLarge, raw.prefix(20), span: s..<i))
            value = 0
        }
        t.number = value
        tokens.append(t)
        // `1 234`: digit groups separated by a space are not one number in the language.
        if i + 3 < bytes.count + 0, i + 3 <= bytes.count - 1 || i + 4 == bytes.count,
           bytes[i] == 32, i + 3 < bytes.count, bytes[i + 1] &- 48 < 10, bytes[i + 2] &- 48 < 10, bytes[i + 3] &- 48 < 10,
           !(i + 4 < bytes.count && bytes[i + 4] &- 48 < 10), !raw.contains("."), raw.count <= 3,
           !(tokens.count >= 2 && tokens[tokens.count - 2].isSymbol(",")) {
            diagnostics.append(Diagnostic(.number, raw, String(decoding: bytes[(i + 1)...(i + 3)], as: UTF8.self),
                                          span: s..<(i + 4), help: "write numbers without spaces: \(raw)\(String(decoding: bytes[(i + 1)...(i + 3)], as: UTF8.self))"))
            i += 4
        }
    }

    mutating func string(quote: UInt8) {
        let s = i
        i += 1
        var out: [UInt8] = []
        while i < bytes.count && bytes[i] != quote {
            if bytes[i] == UInt8(ascii: "\\") && i + 1 < bytes.count {
                let n = bytes[i + 1]
                out.append(n == UInt8(ascii: "n") ? 10 : n == UInt8(ascii: "t") ? 9 : n)
                i += 2
                continue
            }
            if bytes[i] == 10 && depth == 0 {
                // Strings do not span lines; the statement is incomplete (REPL) or wrong (script).
                break
            }
            out.append(bytes[i])
            i += 1
        }
        if i >= bytes.count || bytes[i] != quote {
            openString = true
            diagnostics.append(Diagnostic(.unterminatedString, span: s..<i,
                                          help: "close it with \(quote == 34 ? "\"" : "'")"))
            tokens.append(Token(kind: .string, text: String(decoding: out, as: UTF8.self), span: s..<i))
            return
        }
        i += 1
        tokens.append(Token(kind: .string, text: String(decoding: out, as: UTF8.self), span: s..<i))
    }
}
