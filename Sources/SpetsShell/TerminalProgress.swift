// TerminalProgress.swift — the progress line at a terminal: the display the host installs
// for SpetsCore's counters (the drawing thread is in CTerminal).
import CTerminal
import SpetsCore

public struct TerminalProgress: ProgressDisplay {
    public init() {}
    public func begin(_ label: String) { spets_progress_begin(label) }
    public func report(done: Int, total: Int, unit: Progress.Unit) { spets_progress_report(Int64(done), Int64(total), unit.rawValue) }
    public func end() { spets_progress_end() }
}
