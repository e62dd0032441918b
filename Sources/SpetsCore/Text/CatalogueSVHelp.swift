// CatalogueSVHelp.swift — Swedish for `help`: the summaries of the verbs, commands and pipe
// stages, and the clause explanations the verbs share. A test checks that every summary in
// the tables has its entry here, so a new verb cannot slip by untranslated.

extension Catalogue {
    static let helpWords: [String: String] = [
        // Verbs.
        "location quotients: each industry's share in a region over its share in the reference": "lokaliseringskvoter: varje branschs andel i en region delad med dess andel i referensen",
        "one row per region: Krugman, Hachman, Herfindahl, entropy, related and unrelated variety": "en rad per region: Krugman, Hachman, Herfindahl, entropi, relaterad och orelaterad variation",
        "Krugman's dissimilarity: between two regions, or each region against the reference": "Krugmans olikhetsindex: mellan två regioner, eller varje region mot referensen",
        "change split into national share, industry mix and regional shift": "förändringen uppdelad i riksandel, branschstruktur och regional effekt",
        "value-added growth = employment growth + productivity growth (logs)": "tillväxt i förädlingsvärde = sysselsättningstillväxt + produktivitetstillväxt (logaritmer)",
        "productivity change: within industries, structural shift, entry/exit": "produktivitetsförändring: inom branscher, strukturomvandling, in- och utträde",
        "a region's productivity level against the reference: industry mix, within-industry, allocative": "en regions produktivitetsnivå mot referensen: branschmix, inom branscher, allokering",
        "firm-level productivity change: survivors, entrants, exiters (Melitz-Polanec, FHK)": "produktivitetsförändring på företagsnivå: kvarvarande, nya och nedlagda (Melitz-Polanec, FHK)",
        "an indicator toward a target year: CAGR, trend, log-trend or shift-share, with scenarios": "en indikator fram till ett målår: årlig tillväxt, trend, log-trend eller shift-share, med scenarier",
        "how often two activities are specialisations of the same regions": "hur ofta två verksamheter är specialiseringar i samma regioner",
        "relatedness density: how much of what is related to an activity a region already does": "relaterad täthet: hur mycket av det som hör ihop med en verksamhet som regionen redan har",
        "economic complexity: ECI of regions (or PCI of activities)": "ekonomisk komplexitet: ECI för regioner (eller PCI för verksamheter)",
        "one row per industry: Hoover's localisation coefficient and the locational Gini": "en rad per bransch: Hoovers lokaliseringskoefficient och lokaliserings-Gini",
        "one industry's Lorenz curve: regions by LQ, cumulative shares (the curve behind the locational Gini)": "en branschs Lorenzkurva: regioner efter LQ, kumulativa andelar (kurvan bakom lokaliserings-Gini)",
        "research: the activity index, an LQ of publications by field against the reference": "forskning: aktivitetsindex, en lokaliseringskvot för publikationer per ämne mot referensen",
        "research: field-normalised citation impact (MNCS) and the share in the top 10 % most cited": "forskning: fältnormerad citeringsgrad (MNCS) och andelen bland de 10 % mest citerade",
        "per industry: LQ, its change, regional and national growth, size (the bubble chart's data)": "per bransch: LQ, dess förändring, regional och nationell tillväxt, storlek (portföljdiagrammets data)",
        // Pipe stages.
        "keep rows where the condition holds (=, !=, <, <=, >, >=, and, or, not)": "behåll rader där villkoret gäller (=, !=, <, <=, >, >=, and, or, not)",
        "order rows by a column (missing last)": "sortera rader efter en kolumn (saknade sist)",
        "the first N rows, or the N largest by a column": "de N första raderna, eller de N största efter en kolumn",
        "keep and order columns": "behåll och ordna kolumner",
        "one row of aggregates (missing values skipped)": "en rad med sammanfattningar (saknade värden hoppas över)",
        // (Commands carry their Swedish summary in their registration, SpetsLang/Commands.)
        // Clauses the verbs share.
        "the year": "året", "the start year": "startåret", "the end year": "slutåret", "the region": "regionen",
        "regions to show (default: all at the level)": "regioner att visa (standard: alla på nivån)",
        "`by area`: knowledge areas as columns (each on its own members)": "`by area`: kunskapsområden i stället för branscher (vart och ett på sina egna branscher)",
        "a region level (county, nuts2, …) and/or an industry level (section, a10, division)": "en regionnivå (county, nuts2, …) och/eller en branschnivå (section, a10, division)",
        "an explicit, non-overlapping industry list (codes, ranges 01..03)": "en uttrycklig lista av branscher som inte överlappar (koder, intervall 01..03)",
        "the employment measure (value added per …)": "sysselsättningsmåttet (förädlingsvärde per …)",
        "reference (default: level sum)": "referens (standard: summan på nivån)",
        "reference: default the sum of loaded regions at the region's level; `rest` excludes the region; or a region's own row":
            "referens: standard är summan av de inlästa regionerna på regionens nivå; `rest` utesluter regionen; eller en regions egen rad",
        "extra columns: slq (symmetric LQ), binary (m = 1 if LQ ≥ threshold)": "extra kolumner: slq (symmetrisk LQ), binary (m = 1 om LQ ≥ tröskeln)",
        "threshold for `binary` (default 1)": "tröskel för `binary` (standard 1)",
        "LQ = (x[r,i] / x[r,·]) / (N[i] / N); LQ > 1 means the industry is more concentrated in the region than in the reference.":
            "LQ = (x[r,i] / x[r,·]) / (N[i] / N); LQ > 1 betyder att branschen är mer koncentrerad i regionen än i referensen.",
        "Columns: region, industry, year, <measure>, lq [, m] [, slq]. Missing cells stay missing (–) and are left out of totals.":
            "Kolumner: region, industry, year, <mått>, lq [, m] [, slq]. Saknade celler förblir saknade (–) och räknas inte i summorna.",
    ]
}
