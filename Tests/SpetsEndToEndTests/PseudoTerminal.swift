// PseudoTerminal.swift — runs spets on a real pseudo-terminal (a new session with the pty
// as controlling terminal), so libedit sees a TTY: keys go in, the screen's bytes come out.
import Foundation
import Glibc
import CTestSupport

final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private(set) var screen = ""

    /// `executable` defaults to spets; `/bin/sh` runs a command line with redirections.
    init(executable: String = Binary.path, args: [String] = [], env: [String: String], cwd: String, columns: Int = 100) throws {
        let argv = ([executable] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var m: Int32 = -1
        var p: pid_t = 0
        guard spets_test_spawn_pty(executable, argv, envp, cwd, Int32(columns), &m, &p) == 0 else { throw NSError(domain: "pty", code: 1) }
        master = m
        pid = p
    }

    deinit {
        kill(pid, SIGKILL)
        var st: Int32 = 0
        waitpid(pid, &st, 0)
        close(master)
    }

    /// Reads what arrives within `timeout` seconds, or until `until` appears.
    @discardableResult
    func read(until needle: String? = nil, occurrences: Int = 1, timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buf = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            if let needle, plain.components(separatedBy: needle).count - 1 >= occurrences { return true }
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 50) > 0 {
                let n = Glibc.read(master, &buf, buf.count)
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if n <= 0 { return needle == nil }
                screen += String(decoding: buf[0..<n], as: UTF8.self)
            }
        }
        return needle == nil
    }

    /// Types keys after the prompt has settled (libedit switches the tty mode as it prompts).
    func type(_ keys: String) {
        usleep(60_000)
        var b = Array(keys.utf8)
        _ = Glibc.write(master, &b, b.count)
    }

    /// The screen with escape sequences and carriage returns removed.
    var plain: String {
        var out = "", i = screen.unicodeScalars.startIndex
        let s = screen.unicodeScalars
        while i < s.endIndex {
            let c = s[i]
            if c == "\u{1B}" {
                i = s.index(after: i)
                if i < s.endIndex && s[i] == "[" {
                    i = s.index(after: i)
                    while i < s.endIndex && !(s[i].value >= 0x40 && s[i].value <= 0x7E) { i = s.index(after: i) }
                }
                if i < s.endIndex { i = s.index(after: i) }
                continue
            }
            if c != "\r" && c != "\u{07}" && c != "\u{08}" { out.unicodeScalars.append(c) }
            i = s.index(after: i)
        }
        return out
    }

    /// Waits for the process to end; its exit status.
    func wait(timeout: Double = 5) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var st: Int32 = 0
        while Date() < deadline {
            read(timeout: 0.05)
            if waitpid(pid, &st, WNOHANG) == pid { return (st >> 8) & 0xFF }
        }
        return nil
    }
}
