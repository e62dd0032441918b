// Interrupt.swift — Ctrl-C as seen by long-running work (the flag lives in C, set by SIGINT).
import CSpetsSupport

public enum Interrupt {
    public static var requested: Bool { spets_interrupt_requested() != 0 }
    public static func clear() { spets_clear_interrupt() }
    public static func install() { spets_install_sigint() }
}
