// Manual.swift — the man page (`spets manual > spets.1`, run by scripts/install), written
// from the same tables as `help` in the shell: the verbs, the pipe stages, the commands.
import SpetsCore

public enum Manual {
    /// roff: backslashes doubled, a leading dot or quote escaped.
    static func esc(_ s: String) -> String {
        var t = s.replacingAll("\\", with: "\\e")
        if t.hasPrefix(".") || t.hasPrefix("'") { t = "\\&" + t }
        return t.replacingAll("\n.", with: "\n\\&.")
    }

    public static func page(version: String) -> String {
        var s = ".TH SPETS 1 \"\" \"spets \(version)\" \"User Commands\"\n"
        s += ".SH NAME\nspets \\- an interactive analysis shell for smart specialisation (S3)\n"
        s += ".SH SYNOPSIS\n.B spets\n[\\fIWORKSPACE.spetsdb\\fR] [\\fB\\-c\\fR \\fISTATEMENTS\\fR] [\\fB\\-\\-demo\\fR] [\\fB\\-\\-init\\fR \\fIFILE\\fR] [\\fB\\-\\-format\\fR \\fIF\\fR] [\\fB\\-\\-lang\\fR en|sv]\n"
        s += ".br\n.B spets run\n\\fIFILE.spets\\fR\n.br\n.B spets render\n\\fINOTEBOOK.md\\fR [\\fB\\-o\\fR \\fIOUT.html\\fR|\\fIOUT.md\\fR]\n.br\n.B spets check\n\\fINOTEBOOK.md\\fR\n"
        s += ".SH DESCRIPTION\nspets loads regional statistics (CSV, PC\\-Axis, JSON\\-stat, Eurostat files), finds comparative advantages, decomposes growth and productivity, compares regions and projects indicators toward their goals. Statements are typed at the prompt, run from scripts that replay byte for byte, or kept in notebooks. `help` in the shell lists the same as this page; `explain VERB` gives the method behind a verb.\n"
        s += ".SH ANALYSES\n"
        for v in VerbTable.all { s += ".TP\n.B \(esc(v.usage))\n\(esc(v.summary))\n" }
        s += ".SH PIPE STAGES\n"
        for st in StageTable.all { s += ".TP\n.B \(esc(st.usage))\n\(esc(st.summary))\n" }
        s += ".SH COMMANDS\n"
        for c in CommandTable.all { s += ".TP\n.B \(esc(c.usage))\n\(esc(c.summary))\n" }
        s += ".SH EXIT STATUS\n0 when every statement succeeded, 1 when one failed, 2 for usage errors.\n"
        s += ".SH ENVIRONMENT\n.TP\n.B SPETS_DATASETS\nthe bundled datasets folder (found beside the binary otherwise)\n.TP\n.B SPETS_LANG\n`sv` for Swedish\n.TP\n.B SPETS_HISTORY\nthe history file (default ~/.spets_history)\n.TP\n.B SPETS_THREADS\n`1` reads CSV on one thread instead of two (results are the same)\n"
        s += ".SH FILES\n.TP\n.I share/spets/datasets\nregistries (regions, NACE/SNI industries, research subjects), area presets, synthetic demo data\n.TP\n.I share/spets/docs\nthe language reference, the methods (read by `explain`), the tutorial\n"
        return s
    }
}
