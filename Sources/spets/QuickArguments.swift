// QuickArguments.swift — the plain command lines read by hand, before swift-argument-parser.
// Hand-written because ArgumentParser's first parse reflects over the command types: 1.7 ms
// of a 4 ms start (docs/performance.md), against sqlite3's 1 ms. Only the forms scripts and
// benchmarks use are taken here; anything else (help, --version, a typo, `--`, an option
// twice, a value that looks like an option, an invalid choice) goes to ArgumentParser, which
// stays the reference for usage and its errors.

// (Arrays, not Set and Dictionary: their generic types are made at run time on first use,
// which showed in start-up profiles.)
struct QuickArguments {
    var positional: [String] = []
    var pairs: [(name: String, value: String)] = []
    var flags: [String] = []
    var output = OutputChoice()

    /// The options every form shares (OutputOptions), besides the form's own.
    static func isOutputValue(_ name: String) -> Bool { name == "--format" || name == "--lang" }
    static func isOutputFlag(_ name: String) -> Bool { name == "--bail" || name == "--echo" || name == "--ascii" }

    func value(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    init?(_ args: [String], values ownValues: [String], flags ownFlags: [String]) {
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            // Bytes, not Characters: `hasPrefix` and `firstIndex(of:)` on String break graphemes.
            guard a.utf8.first == UInt8(ascii: "-") else { positional.append(a); continue }
            var name = a, value: String? = nil
            let u = a.utf8
            if u.count > 2, u[u.index(after: u.startIndex)] == UInt8(ascii: "-"), let eq = u.firstIndex(of: UInt8(ascii: "=")) {
                name = String(a[..<eq]); value = String(a[u.index(after: eq)...])
            }
            if (ownFlags.contains(name) || Self.isOutputFlag(name)) && value == nil {
                guard !flags.contains(name) else { return nil }
                flags.append(name)
            } else if ownValues.contains(name) || Self.isOutputValue(name) {
                if value == nil {
                    guard i < args.count, args[i].utf8.first != UInt8(ascii: "-") else { return nil }
                    value = args[i]
                    i += 1
                }
                guard self.value(name) == nil, let value else { return nil }
                pairs.append((name, value))
            } else {
                return nil
            }
        }
        output.format = self.value("--format") ?? "table"
        output.lang = self.value("--lang")
        output.bail = flags.contains("--bail")
        output.echo = flags.contains("--echo")
        output.ascii = flags.contains("--ascii")
        if output.problem != nil { return nil }
    }
}
