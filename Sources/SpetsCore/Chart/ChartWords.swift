// ChartWords.swift — the words charts draw, in English and Swedish (`set lang sv`). Swedish
// terms as regional analysts write them (lokaliseringskvot, procentenheter, framskrivning).

public enum Language: String, CaseIterable, Sendable { case en, sv }

enum ChartWords {
    static let catalogue: [String: (en: String, sv: String)] = [
        "growth_vs_reference": ("growth relative to the reference, percentage points", "tillväxt jämfört med referensen, procentenheter"),
        "lq": ("location quotient (LQ)", "lokaliseringskvot (LQ)"),
        "lq_log": ("location quotient (LQ, log scale)", "lokaliseringskvot (LQ, logaritmisk skala)"),
        "lq_change": ("change in LQ", "förändring av LQ"),
        "bubble_area": ("bubble area = {0}", "bubblans yta = {0}"),
        "q_spec_fast": ("specialised, growing faster", "specialiserad, växer snabbare"),
        "q_spec_slow": ("specialised, growing slower", "specialiserad, växer långsammare"),
        "q_nonspec_fast": ("not specialised, growing faster", "ej specialiserad, växer snabbare"),
        "q_nonspec_slow": ("not specialised, growing slower", "ej specialiserad, växer långsammare"),
        "labels_shown": ("labels: {0} of {1} (largest first; the others would overlap)", "etiketter: {0} av {1} (största först; övriga skulle överlappa)"),
        "labels_shown_plain": ("labels: {0} of {1} (the others would overlap)", "etiketter: {0} av {1} (övriga skulle överlappa)"),
        "labels_every": ("labels: every {0}th of {1} rows", "etiketter: var {0}:e av {1} rader"),
        "rows_cut": ("labels cut to fit", "etiketter avkortade"),
        "year": ("year", "år"),
        "observed": ("observed", "observerat"),
        "projected": ("projected", "framskrivning"),
        "band": ("95 % band", "95 % intervall"),
        "goal": ("goal {0}: {1} {2} by {3}", "mål {0}: {1} {2} år {3}"),
        "cum_total": ("cumulative share of all {0} (regions by LQ, ascending)", "kumulativ andel av all {0} (regioner efter stigande LQ)"),
        "cum_industry": ("cumulative share of {0} in the industry", "kumulativ andel av branschens {0}"),
        "equality": ("even distribution", "jämn fördelning"),
        "lorenz": ("Lorenz curve", "Lorenzkurva"),
        "density": ("relatedness density", "relaterad täthet"),
        "pci": ("complexity of the activity (PCI)", "aktivitetens komplexitet (PCI)"),
        "total": ("total", "totalt"),
        "value": ("value", "värde"),
        "mean_split": ("lines: the means of the activities shown", "linjer: medelvärdet för de visade aktiviteterna"),
        "no_rows": ("no rows to draw", "inga rader att rita"),
        "lq_scale": ("LQ (log scale, 1 = as the reference)", "LQ (logaritmisk skala, 1 = som referensen)"),
        "activity": ("research activity index (publications)", "aktivitetsindex för forskning (publikationer)"),
        "strength_split": ("lines: 1 = as the reference, for industry and for research", "linjer: 1 = som referensen, för näringsliv och för forskning"),
        "strength_both": ("industry and research", "näringsliv och forskning"),
        "strength_industry": ("industry only", "bara näringsliv"),
        "strength_research": ("research only", "bara forskning"),
        "strength_neither": ("neither", "ingetdera"),
        "scale": ("colour scale", "färgskala"),
        "by": ("by", "efter"),
        "beyond_axis": ("at the edge, beyond the axis: {0}", "vid kanten, utanför axeln: {0}"),
        "not_drawn": ("not drawn (a value missing): {0}", "inte ritade (ett värde saknas): {0}"),
        "not_drawn_more": ("not drawn (a value missing): {0} and {1} more", "inte ritade (ett värde saknas): {0} och {1} till"),
        "by_year": ("by year", "per år"),
        "bars_from_0": ("bars from 0", "staplar från 0"),
        "portfolio": ("Portfolio", "Portfölj"),
        "opportunities": ("Opportunities", "Möjligheter"),
        "strengths": ("Strengths", "Styrkor"),
        "decomposition": ("decomposition", "uppdelning"),
    ]

    static func w(_ key: String, _ lang: Language, _ args: String...) -> String {
        guard let e = catalogue[key] else { return key }
        var s = lang == .sv ? e.sv : e.en
        for (i, a) in args.enumerated() { s = s.replacingAll("{\(i)}", with: a) }
        return s
    }
}
