// Progress.swift — what long work reports so that a person at a terminal sees it move: the
// loaders set bytes done of bytes in all; the drawing (a thread, stderr, only at a terminal,
// after half a second, erased at the end) is in the C shim.
import CSpetsSupport

public enum Progress {
    public static func begin(_ label: String) { spets_progress_begin(label) }
    public static func report(done: Int, total: Int) { spets_progress_report(Int64(done), Int64(total)) }
    public static func end() { spets_progress_end() }
}
