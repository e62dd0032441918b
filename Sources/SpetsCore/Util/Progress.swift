// Progress.swift — what long work reports so that a person at a terminal sees it move: the
// loaders set bytes done of bytes in all, `compare` regions, exports rows; the drawing (a
// thread, stderr, only at a terminal, after half a second, erased at the end) is in the C shim.
import CSpetsSupport

public enum Progress {
    /// What is counted (the C shim's numbering).
    public enum Unit: Int32, Sendable { case bytes = 0, regions = 1, rows = 2 }
    public static func begin(_ label: String) { spets_progress_begin(label) }
    public static func report(done: Int, total: Int, unit: Unit = .bytes) {
        spets_progress_report(Int64(done), Int64(total), unit.rawValue)
    }
    public static func end() { spets_progress_end() }
}
