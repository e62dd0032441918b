// PXFile.swift — the PC-Axis keyword grammar: `KEYWORD[lang]("sub", …)=value, …;` entries up
// to `DATA=`, read from bytes. Interpretation (variables, codes, time) is PXLoader's job.
// Hand-written: no maintained Swift package reads PC-Axis, and the grammar is small.

struct PXEntry {
    enum Item: Equatable { case string(String), word(String) }
    let keyword: String
    let language: String?
    let args: [String]
    let items: [Item]
    let line: Int

    /// The items as text (quoted strings and bare words alike).
    var texts: [String] { items.map { if case .string(let s) = $0 { return s }; if case .word(let w) = $0 { return w }; return "" } }
    var text: String { texts.joined(separator: " ") }
}

struct PXFile {
    var entries: [PXEntry] = []
    /// Byte offset and line of the first byte after `DATA=`.
    var dataStart = 0
    var dataLine = 0

    /// ISO-8859-1 is read as Windows-1252: the same printable characters, plus the ones
    /// Windows writers put in 0x80–0x9F.
    enum Encoding: String { case utf8 = "UTF-8", cp1252 = "Windows-1252" }

    /// Parses the keyword part. `decode` turns a quoted string's bytes into text.
    static func parse(_ b: UnsafeBufferPointer<UInt8>, path: String,
                      decode: (UnsafeBufferPointer<UInt8>) -> String) throws(Diagnostic) -> PXFile {
        var f = PXFile()
        var pos = 0, line = 1
        func fail(_ msg: String, _ help: String? = nil) -> Diagnostic {
            Diagnostic(message: msg, location: FileLocation(file: path, line: line), help: help)
        }
        @inline(__always) func skipSpace() {
            while pos < b.count, b[pos] == 32 || b[pos] == 9 || b[pos] == 10 || b[pos] == 13 {
                if b[pos] == 10 { line += 1 }
                pos += 1
            }
        }
        func quoted(_ keyword: String) throws(Diagnostic) -> String {
            let startLine = line
            pos += 1
            let s = pos
            while pos < b.count, b[pos] != 34 { if b[pos] == 10 { line += 1 }; pos += 1 }
            guard pos < b.count else {
                line = startLine
                throw fail("\(keyword): a string opened on line \(startLine) is never closed", "close it with \"")
            }
            let text = decode(UnsafeBufferPointer(rebasing: b[s..<pos]))
            pos += 1
            // A string broken over lines: "abc" "def" reads as "abcdef"; strip the line breaks a
            // writer left inside it.
            return text.contains("\n") || text.contains("\r")
                ? String(text.unicodeScalars.filter { $0 != "\n" && $0 != "\r" }.map(Character.init)) : text
        }
        while true {
            skipSpace()
            guard pos < b.count else {
                throw fail("the file has no DATA keyword: it ends after the metadata",
                           "a PC-Axis file ends with DATA= followed by the values and ;")
            }
            let kwLine = line
            let ks = pos
            while pos < b.count, b[pos] != 91, b[pos] != 40, b[pos] != 61, b[pos] != 59, b[pos] != 10 { pos += 1 }
            let keyword = decode(UnsafeBufferPointer(rebasing: b[ks..<pos])).trimmed().uppercased()
            guard !keyword.isEmpty, keyword.unicodeScalars.allSatisfy({ ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" }) else {
                throw fail("expected a keyword such as TITLE= here, found `\(keyword.isEmpty ? String(UnicodeScalar(pos < b.count ? b[pos] : 32)) : keyword)`",
                           "each entry is KEYWORD[lang](\"variable\")=value; — is a ; missing on the line before?")
            }
            var language: String? = nil
            if pos < b.count, b[pos] == 91 {
                let ls = pos + 1
                while pos < b.count, b[pos] != 93, b[pos] != 10 { pos += 1 }
                guard pos < b.count, b[pos] == 93 else { throw fail("\(keyword)[: the language code is not closed with ]") }
                language = decode(UnsafeBufferPointer(rebasing: b[ls..<pos])).trimmed().lowercased()
                pos += 1
            }
            var args: [String] = []
            if pos < b.count, b[pos] == 40 {
                pos += 1
                while true {
                    skipSpace()
                    guard pos < b.count else { throw fail("\(keyword)(: the variable list is not closed with )") }
                    if b[pos] == 41 { pos += 1; break }
                    if b[pos] == 44 { pos += 1; continue }
                    if b[pos] == 34 { args.append(try quoted(keyword)); continue }
                    throw fail("\(keyword)(…): expected a quoted name, found `\(String(UnicodeScalar(b[pos])))`")
                }
            }
            skipSpace()
            guard pos < b.count, b[pos] == 61 else {
                throw fail("\(keyword): expected = after the keyword", "each entry is KEYWORD=value;")
            }
            pos += 1
            if keyword == "DATA" {
                f.dataStart = pos
                f.dataLine = line
                return f
            }
            var items: [PXEntry.Item] = []
            var joinable = false   // the previous item was a string and no comma followed
            while true {
                skipSpace()
                guard pos < b.count else {
                    line = kwLine
                    throw fail("\(keyword): the entry starting on line \(kwLine) never ends with ;", "end each entry with ;")
                }
                let c = b[pos]
                if c == 59 { pos += 1; break }
                if c == 44 { pos += 1; joinable = false; continue }
                // HIERARCHIES pairs parent and child as "parent":"child".
                if c == 58 { pos += 1; joinable = false; items.append(.word(":")); continue }
                if c == 34 {
                    let s = try quoted(keyword)
                    if joinable, case .string(let prev)? = items.last { items[items.count - 1] = .string(prev + s) }
                    else { items.append(.string(s)) }
                    joinable = true
                    continue
                }
                // A bare word: YES, 2, TLIST(A1) or TLIST(A1, "1968-2005").
                let ws = pos
                var depth = 0
                while pos < b.count {
                    let d = b[pos]
                    if depth == 0 && (d == 61 || d == 34) {
                        // `KEY=` inside a value: the entry before it lacks its ;
                        throw fail("\(keyword) (line \(kwLine)) does not end with ; before this line's entry",
                                   "end each entry with ;")
                    }
                    if d == 40 { depth += 1 } else if d == 41 { depth -= 1 }
                    else if depth == 0 && (d == 44 || d == 59 || d == 32 || d == 9 || d == 10 || d == 13) { break }
                    else if d == 10 { line += 1 }
                    pos += 1
                }
                items.append(.word(decode(UnsafeBufferPointer(rebasing: b[ws..<pos]))))
                joinable = false
            }
            f.entries.append(PXEntry(keyword: keyword, language: language, args: args, items: items, line: kwLine))
        }
    }
}
