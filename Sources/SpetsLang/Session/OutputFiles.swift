// OutputFiles.swift — the one rule for files a statement writes (export, save, plot, report):
// a new file is written; an existing one only when the statement says `replace`, when the
// user says yes at the prompt, or when this session wrote it itself (a script that exports
// twice, a notebook rendered again).
import Glibc
import SpetsCore

extension Session {
    /// The file a statement will write, after the rules: inside `writeRoot` when there is
    /// one (relative paths are taken from it; one that leads out of it is refused), and not
    /// over an existing file unless allowed.
    func outputPath(_ written: NameRef) throws(Diagnostic) -> String {
        var path = written
        if let root = writeRoot {
            let full = Self.normalise(path.text.hasPrefix("/") ? path.text : root + "/" + path.text)
            // The deepest folder that exists, with symlinks resolved, must be inside the root.
            var parent = Self.parent(full)
            while !FileIO.isDirectory(parent) && parent != "/" { parent = Self.parent(parent) }
            let real = Self.realPath(parent) ?? parent
            let realRoot = Self.realPath(root) ?? root
            guard full.hasPrefix(root + "/") && (real == realRoot || real.hasPrefix(realRoot + "/")) else {
                throw Diagnostic(.notebookMayWriteOnlyInside, writeRootName, written.text, span: written.span,
                                 help: "write to a relative path; `spets render --write-here` writes into the notebook's own folder")
            }
            path.text = full
        }
        try checkWritable(path)
        return path.text
    }

    static func normalise(_ p: String) -> String {
        var parts: [Substring] = []
        for c in p.split(separator: "/") {
            if c == "." || c.isEmpty { continue }
            if c == ".." { _ = parts.popLast() } else { parts.append(c) }
        }
        return "/" + parts.joined(separator: "/")
    }

    public static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    func checkWritable(_ path: NameRef) throws(Diagnostic) {
        // lstat: a symlink counts as an existing file even when it dangles.
        var st = stat()
        guard lstat(path.text, &st) == 0, !path.replace, !allowOverwrite, !writtenFiles.contains(path.text) else { return }
        let shown = writeRoot != nil ? "the file" : path.text
        if FileIO.isDirectory(path.text) {
            throw Diagnostic(.directory, path.text, span: path.span, help: "give a file name")
        }
        if let confirm = confirmOverwrite {
            if confirm("\(shown) exists: replace it? [y/N] ") { return }
            throw Diagnostic(.wasKeptWasReplaced, shown, span: path.span,
                             help: "write  replace  after the file name to overwrite without asking")
        }
        throw Diagnostic(.existsSpetsDoesOverwriteFile, shown, span: path.span,
                         help: "write  replace  right after the file name:  … \"\(writeRoot != nil ? "FILE" : path.text)\" replace")
    }

    /// Notes a file this session wrote (it may write it again without `replace`).
    func wrote(_ file: String) { writtenFiles.insert(file) }
}
