"""Texts and number formats of the MT report, in English and Dutch.

One dictionary per language with the same keys (a test checks they match). Scenario names
are labelled by :mod:`orgsim.labels` (the same words as the workshop app); unknown names are
shown with spaces for underscores.
"""

from __future__ import annotations

import math

from orgsim import labels, team_inputs

LANGUAGES = ("en", "nl")

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "What would each option do? Burn-out, absence and costs",
        "subtitle": "Simulation report for the management team of {org}",
        "prepared": "Prepared {date} with orgsim {version}",
        "toc": "Contents",
        "s_question": "The question",
        "question_default": (
            "The management team of {org} wants to know what each option would do to burn-out, "
            "absence and costs over the next {years}, compared with carrying on as now."),
        "s_summary": "In short",
        "summary_best": (
            "Of the options compared, <b>{best}</b> gives the largest expected net saving over "
            "{years}: <b>{saving}</b> (95% interval {lo} to {hi}) after its own cost of "
            "{icost}, and about <b>{cases}</b> fewer burn-out cases."),
        "summary_none": (
            "None of the options compared is expected to pay for itself within {years}; "
            "the closest is <b>{best}</b> with a net effect of {saving} (95% interval {lo} to "
            "{hi}). Their value lies in fewer burn-out cases (up to {cases} fewer) and healthier "
            "teams rather than in money."),
        "summary_baseline": (
            "Carrying on as now, the model expects about <b>{cases}</b> {cases_word} and "
            "<b>{days}</b> days of burn-out absence in {years}. Burn-out costs <b>{cost}</b>: "
            "{absence} of absence and {turnover} to replace the {leavers} {leavers_word} whose "
            "departure the model attributes to burn-out. The absence alone comes to {per_case} "
            "a case (Dutch estimate: about € 60,500 a case, 242 days × € 250)."),
        "summary_other": (
            "Other staff turnover, not due to burn-out, costs a further {other} in {years}; "
            "it is not counted as burn-out cost."),
        "verdict": "Verdict",
        "verdict_pays": "pays for itself",
        "verdict_likely": "probably pays for itself",
        "verdict_unclear": "uncertain",
        "verdict_costs": "costs more than it saves",
        "s_org": "The organisation",
        "org_intro": (
            "{org}: {people} positions in {teams} teams. The situation in the simulation if "
            "nothing changes (baseline, mean over the first {years}, as in the tables below):"),
        "trend_fall": (
            "Doing nothing, burn-out absence falls from {first} of hours in year 1 to {last} in "
            "year {n} (change {lo} to {hi} percentage points, 95% interval)."),
        "trend_rise": (
            "Doing nothing, burn-out absence rises from {first} of hours in year 1 to {last} in "
            "year {n} (change {lo} to {hi} percentage points, 95% interval)."),
        "trend_shocks": "The organisation's own scheduled events fall in these years ({events}).",
        "trend_settling": (
            "Nothing changes in the baseline itself: after the simulated run-in of {warmup} "
            "weeks, burn-out absence still swings around its long-run level (long absences "
            "that began together also end together), and the swings fade over the years. "
            "Read the year-by-year figures and their average, not one year alone."),
        "summary_absence_low": (
            "Note: the simulated burn-out absence ({sim}) is well below the survey's "
            "({survey}), so the absence costs and savings are a lower bound (see the reading "
            "guide)."),
        "org_source_survey": "The teams were built from the organisation's own survey "
                             "(orgsim import-survey); the start matches the survey per team.",
        "org_source_preset": "The organisation is a preset with typical Dutch levels.",
        "org_survey_absence": "Burn-out absence in the survey: {survey} of hours; in the "
                              "simulation (baseline, as above): {sim}.",
        "caveat_absence_low": (
            "<li><b>Absence below the survey's.</b> The survey reports {survey} burn-out "
            "absence, the simulated start {sim}. In the model, burn-out absence comes mostly "
            "from teams that tip into a domino effect, and teams built from ordinary survey "
            "levels start stable. Read the absence costs and the absence an option saves as a "
            "lower bound.</li>"),
        "k_complaints": "employees with burn-out complaints",
        "k_absence": "hours lost to burn-out absence",
        "k_cases": "new burn-out cases per 100 employees a year",
        "k_engagement": "engagement (UWES 0-6)",
        "k_leavers": "leavers per 100 employees a year",
        "s_scenarios": "Scenarios compared",
        "scen_intro": (
            "Each scenario was simulated {reps} times, each time with the same organisation and "
            "the same chance events in every scenario, so differences between scenarios are due "
            "to the option, not to luck."),
        "col_scenario": "Scenario",
        "col_description": "What changes",
        "col_icost": "Intervention cost over {years}",
        "s_outcomes": "Expected burn-out cases and absence",
        "outcomes_intro": (
            "Lines are the expected value over all simulated futures; the band shows where 90% of "
            "the simulated futures lie. Table: expected value with its 95% interval."),
        "fig_cases": "Cumulative burn-out cases (new sick-leave episodes): each option (solid) "
                     "against the baseline (dashed); bands: 90% of simulated futures",
        "fig_absence": "Hours lost to burn-out absence (%, 13-week average): each option (solid) "
                       "against the baseline (dashed); bands: 90% of simulated futures",
        "col_year": "after {n} yr",
        "col_in_year": "year {n}",
        "y_cases": "burn-out cases",
        "t_cases": "Burn-out cases (cumulative)",
        "t_absence": "Absence rate (% of hours)",
        "s_costs": "Costs over {years}",
        "costs_intro": (
            "Burn-out cost is burn-out absence (days × {eur_day} per day) plus {repl} for "
            "recruitment and onboarding per leaver whose departure the model attributes to "
            "burn-out. Other turnover (the other leavers, at the same {repl}) and the cost of "
            "the intervention itself are separate lines. Expected values in euros."),
        "col_absence_cost": "Burn-out absence",
        "col_burnout_turnover": "Leavers due to burn-out",
        "col_burnout_cost": "Burn-out cost",
        "col_other_turnover": "Other turnover",
        "col_per_case": "Absence per case",
        "col_intervention": "Intervention",
        "col_total": "Total",
        "fig_costs": "Expected costs over {years}",
        "s_net": "Net effect over {years} compared with the baseline",
        "net_intro": (
            "Paired comparison per simulated future (the same chance events): what each option "
            "saves or costs "
            "compared with carrying on as now. A positive net saving means the option pays "
            "for itself. 95% intervals."),
        "col_cases_prevented": "Burn-out cases prevented in {years}",
        "col_days_saved": "Absence days saved",
        "col_gross": "Gross saving",
        "col_net": "Net saving over {years}",
        "col_roi": "Gross saving per € spent",
        "fig_net": "Net saving over {years} vs baseline (95% interval)",
        "s_teams": "Teams most at risk over {years}",
        "teams_intro": (
            "From {reps} simulated futures of the baseline over {years}, all with the same "
            "teams and people: teams ranked by expected burn-out absence (below each figure "
            "its 95% interval). These teams are where targeted action (e.g. a survey cycle "
            "with team sessions) pays off first; teams whose intervals overlap cannot be "
            "told apart."),
        "teams_intro_client": (
            "From {reps} simulated futures of the baseline over {years}, all with the client's "
            "teams and levels (the people in them drawn anew each time): teams ranked by "
            "expected burn-out absence (below each figure its 95% interval). Teams whose "
            "intervals overlap cannot be told apart."),
        "teams_varied": (
            "The {reps} simulations drew a different organisation each time (org_seed left "
            "empty), so no team can be followed across them and no team ranking is shown. "
            "Compare with a fixed organisation (orgsim compare's default, org_seed=0) for one."),
        "col_team": "Team",
        "col_people": "People",
        "col_exh": "Exhaustion now (BAT 1-5)",
        "col_eng": "Engagement now (UWES 0-6)",
        "col_team_cases": "Expected burn-out cases",
        "col_team_absence": "Expected absence (%)",
        "col_risk": "Risk",
        "risk_high": "high",
        "risk_elevated": "elevated",
        "risk_lower": "lower",
        "col_pressure": "Stands out (vs organisation)",
        # the team levels that stand out, as orgsim.team_inputs names them ("pressure")
        **{f"pp_{inp.name}": inp.pressure.en for inp in team_inputs.INPUTS if inp.pressure},
        "s_caveats": "Reading guide: a model, not a forecast",
        "caveat_model": (
            "<li>This is a simulation model of how work demands, resources, leadership and team "
            "climate drive energy, engagement and burn-out (the Job Demands-Resources model). It "
            "shows what is <i>likely to follow</i> from each option under its assumptions; it does "
            "not predict what will happen.</li>"),
        "caveat_range_point": (
            "<li>The bands and ranges show the spread between simulated futures (chance: who "
            "gets ill, busy periods, life events) around one fitted setting of the model. They do "
            "not include the uncertainty of the model itself: effect sizes of interventions and "
            "mechanism strengths are taken from the literature or assumed, and calibrated to "
            "Dutch averages.</li>"),
        "caveat_range_posterior": (
            "<li>The bands and ranges include two kinds of uncertainty: chance (who gets ill, "
            "busy periods, life events) and not knowing the model's settings exactly. The "
            "settings (how fast energy drains, how often exhaustion turns into sick leave, "
            "...) were fitted to Dutch figures, and many settings fit them about equally "
            "well; the futures were simulated with {n} of them, each with several futures. "
            "{shares} Effect sizes "
            "of interventions are taken from the literature or assumed; that uncertainty is "
            "not in the ranges.</li>"),
        "share_intro": "How much of the range of the net saving comes from not knowing the "
                       "settings (the rest is chance): {list}.",
        "share_item": "{scen} about {pct}%",
        "caveats": (
            "<li>An intervention only works in the model as far as it changes the mechanism it "
            "targets (e.g. fewer parallel priorities); how well it is implemented in practice "
            "matters more than the model can show.</li>"
            "<li>Burn-out cost counts burn-out absence and the replacement of leavers whose "
            "departure the model attributes to burn-out: everyone whose contract ends after "
            "long-term sick leave, and of each resignation the part by which low engagement "
            "raised the chance of leaving above the usual rate. Other turnover and the "
            "intervention are separate lines. Other benefits (productivity, quality, "
            "reputation) and other absence are not counted, so the savings are cautious "
            "estimates.</li>"
            "<li>Small teams: one case changes a team's figures a lot. Use the team ranking as "
            "a pointer for a conversation, not a verdict.</li>"),
        "s_method": "Method and reproducibility",
        "method": (
            "orgsim {version}; comparison directory <code>{outdir}</code>; scenarios: {scen}; "
            "{reps} replications of {weeks} weeks each (seeds {seeds}; organisation: {org_seed}). "
            "Intervals: 95% "
            "t-intervals over replications; differences paired by seed. All results cover the "
            "first {years} (the comparison's horizon). Cost parameters: {eur_day} per absence "
            "day, {repl} per leaver. Leavers attributed to burn-out: everyone whose contract "
            "ends after {max_weeks} weeks of sick leave, plus, of each resignation, the excess "
            "share 1 − p<sub>0</sub>/p of its weekly chance p over the chance p<sub>0</sub> at "
            "average engagement (docs/ODD.md, costs). Reference for the absence cost per case: "
            "about € 60,500 (242 days × € 250; ArboNed via NRC 2017); TNO puts work-stress "
            "absence at about € 9,100 per absent employee (2019), an average over all absent "
            "employees, short absences included.{params}"),
        "method_posterior": (
            " Parameter uncertainty (params=posterior): {k} parameter sets drawn from the "
            "calibrated ensemble <code>{ensemble}</code> (sha256 {sha}), {m} replications "
            "each, the same in every scenario; intervals are random-effects intervals over the "
            "replications that include the spread between parameter sets (docs/experiments.md, "
            "\"Parameter uncertainty\")."),
        "footer": "orgsim — agent-based simulation of organisational energy (JD-R).",
        "baseline": "baseline",
        "vs": "vs",
    },
    "nl": {
        "title": "Wat doet elke optie? Burn-out, verzuim en kosten",
        "subtitle": "Simulatierapport voor het managementteam van {org}",
        "prepared": "Opgesteld {date} met orgsim {version}",
        "toc": "Inhoud",
        "s_question": "De vraag",
        "question_default": (
            "Het managementteam van {org} wil weten wat elke optie doet met burn-out, verzuim en "
            "kosten in de komende {years}, vergeleken met doorgaan zoals nu."),
        "s_summary": "In het kort",
        "summary_best": (
            "Van de vergeleken opties levert <b>{best}</b> in {years} de grootste verwachte "
            "netto besparing op: <b>{saving}</b> (95%-interval {lo} tot {hi}) na aftrek van de "
            "eigen kosten van {icost}, en ongeveer <b>{cases}</b> burn-outgevallen minder."),
        "summary_none": (
            "Geen van de vergeleken opties verdient zich naar verwachting binnen {years} "
            "terug; het dichtst daarbij komt <b>{best}</b> met een netto effect van {saving} "
            "(95%-interval {lo} tot {hi}). De waarde zit in minder burn-outgevallen (tot {cases} "
            "minder) en gezondere teams, niet in geld."),
        "summary_baseline": (
            "Als alles blijft zoals nu, verwacht het model ongeveer <b>{cases}</b> {cases_word} "
            "en <b>{days}</b> verzuimdagen door burn-out in {years}. Burn-out kost "
            "<b>{cost}</b>: {absence} aan verzuim en {turnover} om de {leavers} {leavers_word} "
            "te vervangen van wie het model het vertrek aan burn-out toeschrijft. Het verzuim "
            "alleen kost {per_case} per geval (Nederlandse schatting: ongeveer € 60.500 per "
            "geval, 242 dagen × € 250)."),
        "summary_other": (
            "Ander personeelsverloop, niet door burn-out, kost daarnaast {other} in {years}; "
            "dat telt niet mee als kosten van burn-out."),
        "verdict": "Oordeel",
        "verdict_pays": "verdient zich terug",
        "verdict_likely": "verdient zich waarschijnlijk terug",
        "verdict_unclear": "onzeker",
        "verdict_costs": "kost meer dan het oplevert",
        "s_org": "De organisatie",
        "org_intro": (
            "{org}: {people} formatieplaatsen in {teams} teams. De situatie in de simulatie als "
            "er niets verandert (huidige situatie, gemiddelde over de eerste {years}, zoals in "
            "de tabellen hieronder):"),
        "trend_fall": (
            "Als er niets verandert, daalt het burn-outverzuim van {first} van de uren in jaar 1 "
            "naar {last} in jaar {n} (verandering {lo} tot {hi} procentpunt, 95%-interval)."),
        "trend_rise": (
            "Als er niets verandert, stijgt het burn-outverzuim van {first} van de uren in jaar 1 "
            "naar {last} in jaar {n} (verandering {lo} tot {hi} procentpunt, 95%-interval)."),
        "trend_shocks": "In deze jaren vallen geplande gebeurtenissen van de organisatie "
                        "({events}).",
        "trend_settling": (
            "In de huidige situatie zelf verandert niets: na de gesimuleerde aanloop van "
            "{warmup} weken schommelt het burn-outverzuim nog rond zijn niveau op lange "
            "termijn (lange verzuimgevallen die samen begonnen, eindigen ook samen), en die "
            "schommelingen worden met de jaren kleiner. Lees de cijfers per jaar en hun "
            "gemiddelde, niet één jaar alleen."),
        "summary_absence_low": (
            "Let op: het gesimuleerde burn-outverzuim ({sim}) ligt ruim onder dat uit het "
            "onderzoek ({survey}); de verzuimkosten en besparingen zijn dus een ondergrens (zie "
            "de leeswijzer)."),
        "org_source_survey": "De teams zijn opgebouwd uit het eigen medewerkersonderzoek van de "
                             "organisatie (orgsim import-survey); de start komt per team overeen "
                             "met de uitkomsten.",
        "org_source_preset": "De organisatie is een standaardprofiel met gemiddelde Nederlandse "
                             "waarden.",
        "org_survey_absence": "Burn-outverzuim volgens het onderzoek: {survey} van de uren; "
                              "in de simulatie (huidige situatie, als hierboven): {sim}.",
        "caveat_absence_low": (
            "<li><b>Verzuim lager dan in het onderzoek.</b> Het onderzoek meldt {survey} "
            "burn-outverzuim, de gesimuleerde start {sim}. In het model ontstaat burn-outverzuim "
            "vooral in teams die in een domino-effect kantelen, en teams die uit gewone "
            "onderzoeksuitkomsten zijn opgebouwd starten stabiel. Lees de verzuimkosten en het "
            "verzuim dat een optie bespaart als ondergrens.</li>"),
        "k_complaints": "medewerkers met burn-outklachten",
        "k_absence": "uren verzuim door burn-out",
        "k_cases": "nieuwe burn-outgevallen per 100 medewerkers per jaar",
        "k_engagement": "bevlogenheid (UWES 0-6)",
        "k_leavers": "vertrekkers per 100 medewerkers per jaar",
        "s_scenarios": "Vergeleken scenario's",
        "scen_intro": (
            "Elk scenario is {reps} keer gesimuleerd, telkens met dezelfde organisatie en "
            "dezelfde toevallige gebeurtenissen in elk scenario: verschillen tussen scenario's "
            "komen door de optie, niet door toeval."),
        "col_scenario": "Scenario",
        "col_description": "Wat verandert er",
        "col_icost": "Kosten interventie over {years}",
        "s_outcomes": "Verwachte burn-outgevallen en verzuim",
        "outcomes_intro": (
            "De lijnen tonen de verwachte waarde over alle gesimuleerde toekomsten; de band "
            "toont waar 90% van de gesimuleerde toekomsten ligt. Tabel: verwachte waarde met "
            "95%-interval."),
        "fig_cases": "Burn-outgevallen, opgeteld (nieuwe verzuimperiodes): elke optie "
                     "(doorgetrokken) tegenover de huidige situatie (gestreept); banden: 90% van "
                     "de gesimuleerde toekomsten",
        "fig_absence": "Uren verzuim door burn-out (%, gemiddelde over 13 weken): elke optie "
                       "(doorgetrokken) tegenover de huidige situatie (gestreept); banden: 90% van "
                       "de gesimuleerde toekomsten",
        "col_year": "na {n} jr",
        "col_in_year": "jaar {n}",
        "y_cases": "burn-outgevallen",
        "t_cases": "Burn-outgevallen (opgeteld)",
        "t_absence": "Verzuimpercentage (% van de uren)",
        "s_costs": "Kosten over {years}",
        "costs_intro": (
            "De kosten van burn-out zijn het burn-outverzuim (dagen × {eur_day} per dag) plus "
            "{repl} voor werving en inwerken per vertrekker van wie het model het vertrek aan "
            "burn-out toeschrijft. Ander verloop (de overige vertrekkers, tegen dezelfde {repl}) "
            "en de kosten van de interventie zelf staan apart. Verwachte waarden in euro."),
        "col_absence_cost": "Burn-outverzuim",
        "col_burnout_turnover": "Vertrek door burn-out",
        "col_burnout_cost": "Kosten burn-out",
        "col_other_turnover": "Ander verloop",
        "col_per_case": "Verzuim per geval",
        "col_intervention": "Interventie",
        "col_total": "Totaal",
        "fig_costs": "Verwachte kosten over {years}",
        "s_net": "Netto effect over {years} ten opzichte van de huidige situatie",
        "net_intro": (
            "Gepaarde vergelijking per gesimuleerde toekomst (dezelfde toevallige "
            "gebeurtenissen): wat elke optie "
            "bespaart of kost vergeleken met doorgaan zoals nu. Een positieve netto besparing "
            "betekent dat de optie zichzelf terugverdient. 95%-intervallen."),
        "col_cases_prevented": "Voorkomen burn-outgevallen in {years}",
        "col_days_saved": "Bespaarde verzuimdagen",
        "col_gross": "Bruto besparing",
        "col_net": "Netto besparing over {years}",
        "col_roi": "Bruto besparing per bestede €",
        "fig_net": "Netto besparing over {years} t.o.v. huidige situatie (95%-interval)",
        "s_teams": "Teams met het hoogste risico over {years}",
        "teams_intro": (
            "Uit {reps} gesimuleerde toekomsten van de huidige situatie over {years}, alle "
            "met dezelfde teams en mensen: teams gerangschikt naar verwacht burn-outverzuim "
            "(onder elk getal het 95%-interval). Hier loont gerichte aanpak (bijvoorbeeld een "
            "onderzoekscyclus met teamsessies) het eerst; teams waarvan de intervallen "
            "overlappen, zijn niet van elkaar te onderscheiden."),
        "teams_intro_client": (
            "Uit {reps} gesimuleerde toekomsten van de huidige situatie over {years}, alle met "
            "de teams en niveaus van de organisatie (de mensen erin telkens opnieuw getrokken): "
            "teams gerangschikt naar verwacht burn-outverzuim (onder elk getal het "
            "95%-interval). Teams waarvan de intervallen overlappen, zijn niet van elkaar te "
            "onderscheiden."),
        "teams_varied": (
            "De {reps} simulaties trokken elke keer een andere organisatie (org_seed leeg), "
            "dus geen team is over de simulaties te volgen en er is geen teamrangschikking. "
            "Vergelijk met een vaste organisatie (de standaard van orgsim compare, org_seed=0) "
            "voor een rangschikking."),
        "col_team": "Team",
        "col_people": "Mensen",
        "col_exh": "Uitputting nu (BAT 1-5)",
        "col_eng": "Bevlogenheid nu (UWES 0-6)",
        "col_team_cases": "Verwachte burn-outgevallen",
        "col_team_absence": "Verwacht verzuim (%)",
        "col_risk": "Risico",
        "risk_high": "hoog",
        "risk_elevated": "verhoogd",
        "risk_lower": "lager",
        "col_pressure": "Valt op (t.o.v. organisatie)",
        # the team levels that stand out, as orgsim.team_inputs names them ("pressure")
        **{f"pp_{inp.name}": inp.pressure.nl for inp in team_inputs.INPUTS if inp.pressure},
        "s_caveats": "Leeswijzer: een model, geen voorspelling",
        "caveat_model": (
            "<li>Dit is een simulatiemodel van hoe werkeisen, hulpbronnen, leiderschap en "
            "teamklimaat energie, bevlogenheid en burn-out beïnvloeden (het Job Demands-Resources "
            "model). Het laat zien wat <i>waarschijnlijk volgt</i> uit elke optie onder de "
            "aannames; het voorspelt niet wat er gaat gebeuren.</li>"),
        "caveat_range_point": (
            "<li>De banden en marges tonen de spreiding tussen gesimuleerde toekomsten (toeval: "
            "wie ziek wordt, drukke periodes, privégebeurtenissen) rond één vastgestelde "
            "instelling van het model. Ze bevatten niet de onzekerheid van het model zelf: "
            "effectgroottes van interventies en sterktes van mechanismen komen uit de literatuur "
            "of zijn aangenomen, en zijn afgestemd op Nederlandse gemiddelden.</li>"),
        "caveat_range_posterior": (
            "<li>De banden en marges bevatten twee soorten onzekerheid: toeval (wie ziek wordt, "
            "drukke periodes, privégebeurtenissen) en het feit dat we de instellingen van het "
            "model niet precies kennen. De instellingen (hoe snel energie wegloopt, hoe vaak "
            "uitputting tot verzuim leidt, ...) zijn afgestemd op Nederlandse cijfers, en veel "
            "instellingen passen daar ongeveer even goed bij; we hebben er {n} doorgerekend, "
            "elk met meerdere toekomsten. {shares} Effectgroottes van interventies komen uit de "
            "literatuur of zijn aangenomen; die onzekerheid zit niet in de marges.</li>"),
        "share_intro": "Welk deel van de marge van de netto besparing komt doordat we de "
                       "instellingen niet precies kennen (de rest is toeval): {list}.",
        "share_item": "{scen} ongeveer {pct}%",
        "caveats": (
            "<li>Een interventie werkt in het model alleen voor zover ze het mechanisme verandert "
            "waarop ze zich richt (bijvoorbeeld minder gelijktijdige prioriteiten); hoe goed ze in "
            "de praktijk wordt uitgevoerd, weegt zwaarder dan het model kan laten zien.</li>"
            "<li>De kosten van burn-out omvatten het burn-outverzuim en de vervanging van "
            "vertrekkers van wie het model het vertrek aan burn-out toeschrijft: iedereen van "
            "wie het contract eindigt na langdurig verzuim, en van elk ontslag het deel waarmee "
            "lage bevlogenheid de kans op vertrek boven het gebruikelijke niveau bracht. Ander "
            "verloop en de interventie staan apart. Andere baten (productiviteit, kwaliteit, "
            "reputatie) en ander verzuim zijn niet meegeteld: de besparingen zijn dus "
            "voorzichtig geschat.</li>"
            "<li>Kleine teams: één geval verandert de cijfers van een team sterk. Gebruik de "
            "rangschikking als aanleiding voor een gesprek, niet als oordeel.</li>"),
        "s_method": "Methode en reproduceerbaarheid",
        "method": (
            "orgsim {version}; vergelijkingsmap <code>{outdir}</code>; scenario's: {scen}; "
            "{reps} herhalingen van elk {weeks} weken (seeds {seeds}; organisatie: {org_seed}). "
            "Intervallen: 95% "
            "t-intervallen over herhalingen; verschillen gepaard per seed. Alle uitkomsten gaan "
            "over de eerste {years} (de horizon van de vergelijking). Kostenparameters: "
            "{eur_day} per verzuimdag, {repl} per vertrekker. Vertrek door burn-out: iedereen "
            "van wie het contract eindigt na {max_weeks} weken verzuim, plus van elk ontslag "
            "het extra deel 1 − p<sub>0</sub>/p van de wekelijkse kans p boven de kans "
            "p<sub>0</sub> bij gemiddelde bevlogenheid (docs/ODD.md, kosten). Referentie voor "
            "het verzuim per geval: ongeveer € 60.500 (242 dagen × € 250; ArboNed via NRC "
            "2017); TNO schat verzuim door werkstress op ongeveer € 9.100 per verzuimende "
            "werknemer (2019), een gemiddelde over alle verzuimers, kort verzuim inbegrepen."
            "{params}"),
        "method_posterior": (
            " Onzekerheid over de instellingen (params=posterior): {k} sets instellingen "
            "getrokken uit de gekalibreerde verzameling <code>{ensemble}</code> (sha256 {sha}), "
            "elk met {m} herhalingen, in elk scenario dezelfde; de intervallen (random "
            "effects) over de herhalingen bevatten ook de spreiding tussen de sets "
            "(docs/experiments.md, \"Parameter uncertainty\")."),
        "footer": "orgsim — agent-gebaseerde simulatie van energie in organisaties (JD-R).",
        "baseline": "huidige situatie",
        "vs": "t.o.v.",
    },
}

def t(lang: str, key: str, **kwargs: object) -> str:
    """The text ``key`` in ``lang`` with ``{placeholders}`` filled in."""
    text = TEXT[lang][key]
    return text.format(**kwargs) if kwargs else text


def org_name(lang: str, name: str, start: bool = False) -> str:
    """The organisation's name in ``lang`` (shipped presets as a phrase with an article);
    ``start``: at the start of a sentence (capitalised)."""
    text = labels.org_phrase(name, lang)
    return text[:1].upper() + text[1:] if start else text


def scenario_label(lang: str, name: str) -> str:
    """Readable scenario name (the same words as the app: :mod:`orgsim.labels`)."""
    return labels.label(name, lang)


def scenario_description(lang: str, name: str) -> str:
    """One-line description of a scenario; for names without a translation, the first
    comment line of ``configs/scenario/<name>.yaml`` (English) or ""."""
    known = labels.description(name, lang)
    if known:
        return known
    from orgsim.config import CONFIG_DIR

    path = CONFIG_DIR / "scenario" / f"{name}.yaml"
    if path.exists():
        for line in path.read_text().splitlines():
            if line.startswith("#") and "@package" not in line:
                return line.lstrip("# ").strip()
    return ""


def number(lang: str, x: float, decimals: int = 0) -> str:
    """A number with thousands separators in the language's convention."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # never "-0.0": a rounded zero has no sign
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.replace("-", "−")


#: The euro sign and a no-break space (an amount never breaks over two lines).
EURO = "€\u00a0"


def euro(lang: str, x: float) -> str:
    """An amount in euros, rounded to a sensible precision for an MT."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    step = 1_000 if abs(x) >= 100_000 else 100 if abs(x) >= 1_000 else 1
    return EURO + number(lang, round(x / step) * step)


def euro_short(lang: str, x: float, step: float | None = None) -> str:
    """A compact euro amount for chart axes, e.g. "€ 1.5M" / "€ 1,5 mln", "€ 250k".

    ``step``: the distance between the axis' ticks; enough decimals are shown to tell
    neighbouring ticks apart ("€ 1.2k", "€ 1.8k"; "€ 1.25M"), none when the step is whole.
    """
    units = ((1_000_000, " mln" if lang == "nl" else "M"), (1_000, "k"), (1, ""))
    unit, suffix = next((u, sfx) for u, sfx in units if abs(x) >= u or u == 1)
    decimals = 0
    if step:
        scaled = abs(step) / unit
        while decimals < 3 and abs(scaled * 10**decimals - round(scaled * 10**decimals)) > 1e-6:
            decimals += 1
    elif unit == 1_000_000:
        decimals = 1
    return EURO + number(lang, x / unit, decimals) + suffix


def years(lang: str, n: float) -> str:
    """A duration in years, e.g. "3 years" / "3 jaar" (decimal comma in Dutch)."""
    text = number(lang, n, 0 if float(n).is_integer() else 1)
    if lang == "nl":
        return f"{text} jaar"
    return f"{text} year" if n == 1 else f"{text} years"


def count(lang: str, x: float) -> str:
    """A count for an MT: whole from 10 up, one decimal below (so that "about 11" and
    "5.3 fewer" are never shown with different precision for numbers of the same size)."""
    return number(lang, x, 0 if abs(x) >= 10 else 1)


#: Words whose form depends on the number before them: key -> language -> (one, more).
WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "case": {"en": ("burn-out case", "burn-out cases"),
             "nl": ("burn-outgeval", "burn-outgevallen")},
    "leaver": {"en": ("leaver", "leavers"), "nl": ("vertrekker", "vertrekkers")},
}


def word(lang: str, key: str, shown: str) -> str:
    """The form of word ``key`` that goes with the number as ``shown`` ("1" takes the
    singular, "1.0", "0" or "2" the plural)."""
    one, more = WORDS[key][lang]
    return one if shown == "1" else more


def percent(lang: str, x: float, decimals: int = 1) -> str:
    """A percentage (``x`` already in %)."""
    return number(lang, x, decimals) + "%"
