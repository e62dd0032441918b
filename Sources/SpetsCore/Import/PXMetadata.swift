// PXMetadata.swift — a PC-Axis file's keywords seen in one language: `KEY[sv]` wins over
// `KEY` when Swedish is chosen, and the variables (STUB then HEADING) with their values.

extension PXLoader {
    struct Metadata {
        let px: PXFile
        /// nil: the file's default language.
        let language: String?
        var languageNotes: [String] = []

        init(_ px: PXFile, path: String, language requested: String?) throws(Diagnostic) {
            self.px = px
            let base = px.entries.first { $0.keyword == "LANGUAGE" && $0.language == nil }?.text.lowercased()
            let all = px.entries.first { $0.keyword == "LANGUAGES" && $0.language == nil }?.texts.map { $0.lowercased() } ?? base.map { [$0] } ?? []
            if let want = requested?.lowercased(), want != base {
                guard all.contains(want) else {
                    throw Diagnostic(.pxLanguageNotInFile, want, all.isEmpty ? "one unnamed language" : all.joined(separator: ", "),
                                     location: FileLocation(file: path, line: 1),
                                     help: all.isEmpty ? "drop `language`" : "choose one of " + all.joined(separator: ", "),
                                     candidates: Text.suggestions(for: want, among: all))
                }
                language = want
            } else {
                language = nil
            }
            if all.count > 1 {
                languageNotes.append("languages: " + all.joined(separator: ", ") + "; shown: " + (language ?? base ?? all[0]))
            } else if let base {
                languageNotes.append("language: " + base)
            }
        }

        /// Entries of a keyword in the chosen language, else in the default one.
        func entries(_ keyword: String) -> [PXEntry] {
            let own = px.entries.filter { $0.keyword == keyword && $0.language == language }
            if !own.isEmpty || language == nil { return own }
            return px.entries.filter { $0.keyword == keyword && $0.language == nil }
        }

        func first(_ keyword: String, args: [String] = []) -> PXEntry? {
            entries(keyword).first { $0.args == args }
        }

        func variables(path: String, warnings: inout [String]) throws(Diagnostic) -> [DenseTable.Axis] {
            let stub = first("STUB"), heading = first("HEADING")
            let names = (stub?.texts ?? []) + (heading?.texts ?? [])
            guard !names.isEmpty else {
                throw Diagnostic(.fileHasNeitherStubNor,
                                 location: FileLocation(file: path, line: 1), help: "STUB=\"region\"; HEADING=\"period\"; name the variables")
            }
            var out: [DenseTable.Axis] = []
            for n in names {
                let line = (stub?.texts.contains(n) == true ? stub : heading)?.line ?? 1
                if out.contains(where: { $0.name == n }) {
                    throw Diagnostic(.variableAppearsTwiceStubHeading, n, location: FileLocation(file: path, line: line))
                }
                // Two VALUES for one variable: which one the data follow cannot be known.
                let all = entries("VALUES").filter { $0.args == [n] }
                if all.count > 1 {
                    throw Diagnostic(.valuesGivenTwiceLines, n, all[0].line, all[1].line,
                                     location: FileLocation(file: path, line: all[1].line), help: "keep one VALUES(\"\(n)\") list: the data follow one order")
                }
                guard let v = first("VALUES", args: [n]) else {
                    throw Diagnostic(.valuesMissingVariableHasNo, n, n,
                                     location: FileLocation(file: path, line: line), help: "add VALUES(\"\(n)\")=\"…\",\"…\";")
                }
                let values = v.texts
                if let dup = CSVLoader.firstDuplicate(values) {
                    throw Diagnostic(.valuesListsTwice, n, dup, location: FileLocation(file: path, line: v.line))
                }
                var codes = first("CODES", args: [n])?.texts
                if let c = codes, c.count != values.count || CSVLoader.firstDuplicate(c) != nil {
                    warnings.append("line \(first("CODES", args: [n])!.line): CODES(\"\(n)\") has \(c.count) codes for \(values.count) values; the VALUES are used")
                    codes = nil
                }
                // SCB writes the code in front of the text (`08 Kalmar län`): the name is the text.
                let names = codes.map { c in zip(c, values).map { code, value in
                    value.hasPrefix(code + " ") && value.count > code.count + 1 ? String(value.dropFirst(code.count + 1)) : value } } ?? values
                out.append(DenseTable.Axis(name: n, labels: codes ?? values, names: names, hasCodes: codes != nil && codes != values, line: v.line))
            }
            return out
        }
    }
}
