// QuickArguments.swift — the plain command lines read by hand, before swift-argument-parser.
// Hand-written because ArgumentParser's first parse reflects over the command types: 1.7 ms
// of a 4 ms start (docs/performance.md), against sqlite3's 1 ms. Only the forms scripts and
// benchmarks use are taken here; anything else (help, --version, a typo, `--`, an option
// twice, a value that looks like an option, an invalid choice) goes to ArgumentParser, which
// stays the reference for usage and its errors.

struct QuickArguments {
    var positional: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var output = OutputChoice()

    /// The options every form shares (OutputOptions), besides the form's own.
    static let outputValues: Set<String> = ["--format", "--lang"]
    static let outputFlags: Set<String> = ["--bail", "--echo", "--ascii"]

    init?(_ args: [String], values ownValues: Set<String>, flags ownFlags: Set<String>) {
        let valueNames = ownValues.union(Self.outputValues), flagNames = ownFlags.union(Self.outputFlags)
        var i = 0
        while i < args.count {
            let a = args[i]
            i += 1
            guard a.hasPrefix("-") else { positional.append(a); continue }
            var name = a, value: String? = nil
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq]); value = String(a[a.index(after: eq)...])
            }
            if flagNames.contains(name) && value == nil {
                guard flags.insert(name).inserted else { return nil }
            } else if valueNames.contains(name) {
                if value == nil {
                    guard i < args.count, !args[i].hasPrefix("-") else { return nil }
                    value = args[i]
                    i += 1
                }
                guard self.values[name] == nil else { return nil }
                self.values[name] = value
            } else {
                return nil
            }
        }
        output.format = self.values["--format"] ?? "table"
        output.lang = self.values["--lang"]
        output.bail = flags.contains("--bail")
        output.echo = flags.contains("--echo")
        output.ascii = flags.contains("--ascii")
        if output.problem != nil { return nil }
    }
}
