// LineEditor.swift — libedit's native API wrapped: prompt, history file, key bindings for
// completion and Ctrl-C, UTF-8 locale. Owns the EditLine and History pointers. Made only
// after `spets_edit_load` (terminal.c) has loaded libedit.
import CEditLine
import CTerminal
import Glibc
import SpetsCore
import SpetsLang

final class LineEditor {
    let el: OpaquePointer
    let hist: OpaquePointer
    let historyPath: String
    private var prompts: [String: UnsafeMutablePointer<CChar>] = [:]

    init(historyPath: String) {
        Self.ensureUTF8Locale()
        self.historyPath = historyPath
        hist = spets_hist_open(1000)
        _ = spets_hist_load(hist, historyPath)
        el = spets_el_open("spets", hist, { _ in Bridge.prompt })
        _ = spets_el_addfn(el, "spets-complete", "complete the word at the cursor", { el, _ in LineEditor.complete(el) })
        _ = spets_el_addfn(el, "spets-interrupt", "discard the current input", { el, _ in
            Bridge.lineInterrupted = true
            spets_el_push(el, "\n")
            return UInt8(CC_NORM)
        })
        _ = spets_el_bind(el, "^I", "spets-complete")
        // Ctrl-R: search back through the history as you type (libedit's incremental search).
        _ = spets_el_bind(el, "^R", "em-inc-search-prev")
        _ = spets_el_bind(el, "^C", "spets-interrupt")
        // In the editor, ^C is a key (bound above), not SIGINT; libedit restores the
        // terminal when el_gets returns, so ^C during a statement still interrupts it.
        _ = spets_el_setty(el, "-d", "-isig")
    }

    deinit {
        spets_el_close(el)
        spets_hist_close(hist)
        for p in prompts.values { free(p) }
    }

    /// libedit 3.1 drops every non-ASCII byte unless the locale's codeset is UTF-8.
    static func ensureUTF8Locale() {
        setlocale(LC_ALL, "")
        let cs = String(cString: nl_langinfo(nl_item(CODESET)))
        if cs.uppercased().replacingAll("-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// One line with its newline, or nil at end of input (Ctrl-D on an empty line).
    func readLine(prompt: String) -> String? {
        if prompts[prompt] == nil { prompts[prompt] = strdup(prompt) }
        Bridge.prompt = prompts[prompt]
        var count: Int32 = 0
        guard let p = spets_el_gets(el, &count), count > 0 else { return nil }
        return String(cString: p)
    }

    /// The history, oldest first.
    var entries: [String] {
        (0..<Int(spets_hist_count(hist))).compactMap { spets_hist_at(hist, Int32($0)).map { String(cString: $0) } }
    }

    /// Opens `text` in $VISUAL or $EDITOR (vi if neither is set) and returns what was saved,
    /// or nil when the editor failed or left nothing.
    static func edit(_ text: String) -> String? {
        var template = Array("/tmp/spets-edit-XXXXXX.spets".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 6) }
        guard fd >= 0 else { return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        close(fd)
        do { try FileIO.write(path, text.hasSuffix("\n") ? text : text + "\n") } catch { return nil }
        let editor = FileIO.environment("VISUAL") ?? FileIO.environment("EDITOR") ?? "vi"
        // The editor's name may carry arguments (`code -w`): the shell splits it; the path is quoted.
        let status = system(editor + " '" + path.replacingAll("'", with: "'\\''") + "'")
        guard status == 0, let edited = try? FileIO.readText(path), !edited.trimmed().isEmpty else { return nil }
        return edited
    }

    func remember(_ statement: String) {
        let one = statement.split(whereSeparator: { $0 == "\n" }).map { String($0).trimmed() }.joined(separator: " ")
        _ = spets_hist_enter(hist, one)
        _ = spets_hist_save(hist, historyPath)
    }

    static func complete(_ el: OpaquePointer?) -> UInt8 {
        guard let el, let info = spets_el_line(el)?.pointee, let completer = Bridge.completer else { return UInt8(CC_ERROR) }
        let n = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: n).bindMemory(to: UInt8.self), as: UTF8.self)
        let c = completer.complete(before)
        if c.candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
        let typed = String(before.unicodeScalars.suffix(c.replaceCount))
        func replace(with s: String) {
            spets_el_deletestr(el, Int32(c.replaceCount))   // counts characters, not bytes
            spets_el_insertstr(el, s)
        }
        if c.candidates.count == 1 {
            let cand = c.candidates[0]
            replace(with: cand + c.terminator(cand))
            return UInt8(CC_REFRESH)
        }
        let common = commonPrefix(c.candidates)
        if common.count > typed.count {
            replace(with: common)
            return UInt8(CC_REFRESH)
        }
        StandardOutput.write(1, "\n" + c.candidates.prefix(60).joined(separator: "  ") + (c.candidates.count > 60 ? "  …" : "") + "\n")
        return UInt8(CC_REDISPLAY)
    }

    static func commonPrefix(_ xs: [String]) -> String {
        guard var p = xs.first.map({ Array($0) }) else { return "" }
        for x in xs.dropFirst() {
            let a = Array(x)
            var k = 0
            while k < p.count && k < a.count && Text.fold(String(p[k])) == Text.fold(String(a[k])) { k += 1 }
            p = Array(p[0..<k])
        }
        return String(p)
    }
}
