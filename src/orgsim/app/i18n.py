"""All text of the workshop app in English and Dutch.

Dutch uses the words Dutch practitioners use (werkdruk, regelruimte, verzuim, bevlogenheid,
energiegevers/energievreters, re-integratie). Every key has both languages (tested).
Names that come from the configs at run time (scenarios, interventions, organisations) are
labelled by :mod:`orgsim.labels`, shared with the MT report.
"""

from __future__ import annotations

import enum
from typing import Any

from orgsim import labels, team_inputs


class Lang(enum.StrEnum):
    """Languages of the user interface."""

    EN = "en"
    NL = "nl"


#: key -> {language code -> text}. ``{name}`` placeholders are filled by :func:`t`.
TEXTS: dict[str, dict[str, str]] = {
    # header
    "title": {"en": "Energy in the organisation", "nl": "Energie in de organisatie"},
    "subtitle": {
        "en": "A simulated organisation after the Job Demands–Resources model. "
              "A model to think with, not a forecast.",
        "nl": "Een gesimuleerde organisatie volgens het Job Demands–Resources-model. "
              "Een model om mee te denken, geen voorspelling.",
    },
    "language": {"en": "Language", "nl": "Taal"},
    "week": {"en": "Week", "nl": "Week"},
    "week_n": {"en": "Week {week}", "nl": "Week {week}"},
    # run controls
    "play": {"en": "Play", "nl": "Start"},
    "pause": {"en": "Pause", "nl": "Pauze"},
    "step": {"en": "Step", "nl": "Stap"},
    "reset": {"en": "Reset", "nl": "Opnieuw"},
    "speed": {"en": "Weeks per second", "nl": "Weken per seconde"},
    "play_view": {"en": "Play to a week, text size", "nl": "Spelen tot een week, tekstgrootte"},
    "until_week": {"en": "Until week", "nl": "Tot week"},
    "run_until": {"en": "Play until then", "nl": "Speel tot dan"},
    "msg_until": {"en": "Stopped at week {week}, as asked.",
                  "nl": "Gestopt bij week {week}, zoals gevraagd."},
    "err_until": {
        "en": "Run until week {week}: choose a week after the current week {now} and at most "
              "{horizon}.",
        "nl": "Draaien tot week {week}: kies een week na de huidige week {now} en hoogstens "
              "{horizon}."},
    "text_size": {"en": "Text size", "nl": "Tekstgrootte"},
    # the team panel
    "team_panel": {"en": "{team}: load and sick leave", "nl": "{team}: werkdruk en verzuim"},
    "team_load": {"en": "Mean load (job demands)", "nl": "Gemiddelde werkdruk (taakeisen)"},
    "team_load_this": {"en": "this team", "nl": "dit team"},
    "team_load_rest": {"en": "the rest", "nl": "de rest"},
    "team_without": {"en": "without the event", "nl": "zonder de gebeurtenis"},
    "team_hint": {"en": "Click a team's name to see its panel.",
                  "nl": "Klik op de naam van een team voor zijn paneel."},
    # the band over several futures
    "band_ask": {"en": "Band over {n} futures", "nl": "Band over {n} toekomsten"},
    "band_busy": {"en": "Running {done}/{n} futures…", "nl": "Bezig: {done}/{n} toekomsten…"},
    "band_ask_params": {"en": "+ model uncertainty", "nl": "+ modelonzekerheid"},
    "band_note_params": {
        "en": "Shaded: 80 % of {n} futures (seeds {first}–{last}, each with another "
              "calibrated setting of the model) lie in the band",
        "nl": "Gearceerd: 80 % van {n} toekomsten (toevalsgetallen {first}–{last}, elk met "
              "een andere gekalibreerde instelling van het model) ligt in de band"},
    "band_cancel": {"en": "Cancel", "nl": "Stop"},
    "band_hide": {"en": "Hide band", "nl": "Band verbergen"},
    "band_note": {
        "en": "Shaded: 80 % of {n} futures (seeds {first}–{last}, same set-up) lie in the band",
        "nl": "Gearceerd: 80 % van {n} toekomsten (toevalsgetallen {first}–{last}, zelfde "
              "opzet) ligt in de band"},
    "band_failed": {"en": "The band could not be made ({detail}).",
                    "nl": "De band kon niet worden gemaakt ({detail})."},
    "text_normal": {"en": "A", "nl": "A"},
    "text_large": {"en": "A+", "nl": "A+"},
    "text_xlarge": {"en": "A++", "nl": "A++"},
    "setup": {"en": "Organisation and scenario", "nl": "Organisatie en scenario"},
    "scenario": {"en": "Scenario", "nl": "Scenario"},
    "org": {"en": "Organisation", "nl": "Organisatie"},
    "seed": {"en": "Seed (same seed = same run)", "nl": "Toevalsgetal (zelfde getal = zelfde run)"},
    "n_employees": {"en": "Employees", "nl": "Medewerkers"},
    "horizon": {"en": "Weeks to simulate", "nl": "Aantal weken"},
    "apply_reset": {"en": "Apply and restart", "nl": "Toepassen en opnieuw starten"},
    "interventions": {"en": "Interventions", "nl": "Interventies"},
    "start_week": {"en": "from week", "nl": "vanaf week"},
    "no_interventions": {
        "en": "No interventions are installed (configs/intervention is empty).",
        "nl": "Er zijn geen interventies geïnstalleerd (configs/intervention is leeg).",
    },
    "ab_mode": {"en": "A/B comparison", "nl": "A/B-vergelijking"},
    "ab_help": {
        "en": "A: the chosen scenario. B: the same scenario and seed plus the interventions "
              "ticked here; the cards of B show B − A.",
        "nl": "A: het gekozen scenario. B: hetzelfde scenario en toevalsgetal plus de hier "
              "aangevinkte interventies; de kaarten van B tonen B − A.",
    },
    "run_a": {"en": "A — as it is", "nl": "A — zoals het is"},
    "run_b": {"en": "B — with interventions", "nl": "B — met interventies"},
    "run_single": {"en": "The organisation", "nl": "De organisatie"},
    # levers
    "levers": {"en": "Demands, resources and leadership (live)",
               "nl": "Eisen, hulpbronnen en leiderschap (live)"},
    "levers_help": {
        "en": "Sliders move every team's level by the same amount from now on; "
              "team differences stay.",
        "nl": "Schuifjes verschuiven vanaf nu het niveau van elk team evenveel; "
              "verschillen tussen teams blijven.",
    },
    "group_demands": {"en": "Job demands (energy drains)", "nl": "Taakeisen (energievreters)"},
    "group_resources": {"en": "Job resources (energy givers)",
                        "nl": "Hulpbronnen (energiegevers)"},
    "group_leadership": {"en": "Leadership", "nl": "Leiderschap"},
    # one slider label per team input (orgsim.team_inputs, via orgsim.labels)
    **{f"lever_{name}": {lang: labels.team_input(name, lang) for lang in labels.LANGS}
       for name in team_inputs.names()},
    # events
    "events": {"en": "Events", "nl": "Gebeurtenissen"},
    "event_help": {"en": "Fire an event now; watch the next weeks.",
                   "nl": "Laat nu iets gebeuren en kijk naar de weken daarna."},
    "event_team": {"en": "Team", "nl": "Team"},
    "event_whole_org": {"en": "whole organisation / chosen by the model",
                        "nl": "hele organisatie / door het model gekozen"},
    "fire": {"en": "Fire event", "nl": "Laat gebeuren"},
    "event_reorganisation": {"en": "Reorganisation", "nl": "Reorganisatie"},
    "event_crunch_deadline": {"en": "Crunch deadline", "nl": "Piekdeadline"},
    "event_key_colleague_drops_out": {"en": "Key colleague drops out",
                                      "nl": "Sleutelcollega valt uit"},
    "event_new_hire": {"en": "New hire", "nl": "Nieuwe collega"},
    "event_budget_cut": {"en": "Budget cut", "nl": "Bezuiniging"},
    "event_absence_wave": {"en": "Flu wave", "nl": "Griepgolf"},
    "desc_reorganisation": {"en": "roles and priorities unclear and shifting for months",
                            "nl": "rollen en prioriteiten maandenlang onduidelijk en wisselend"},
    "desc_crunch_deadline": {"en": "30% more work and little recovery time for 6 weeks",
                             "nl": "6 weken lang 30% meer werk en weinig hersteltijd"},
    "desc_key_colleague_drops_out": {
        "en": "a key colleague leaves suddenly; the others carry the work",
        "nl": "een sleutelcollega valt plotseling weg; de anderen vangen het werk op"},
    "desc_new_hire": {"en": "a vacancy is filled (or a temporary hand added)",
                      "nl": "een vacature wordt ingevuld (of er komt tijdelijk iemand bij)"},
    "desc_budget_cut": {"en": "same work with fewer positions, less development and coaching",
                        "nl": "zelfde werk, minder formatie, minder ontwikkeling en coaching"},
    "desc_absence_wave": {"en": "a flu wave: some staff out for 1–3 weeks",
                          "nl": "een griepgolf: een deel van de mensen 1–3 weken ziek"},
    "event_unavailable": {
        "en": "Events are not available in this installation (orgsim.events is missing).",
        "nl": "Gebeurtenissen zijn in deze installatie niet beschikbaar (orgsim.events ontbreekt).",
    },
    "log": {"en": "Logbook", "nl": "Logboek"},
    "log_empty": {"en": "Nothing has happened yet.", "nl": "Er is nog niets gebeurd."},
    "log_lever": {"en": "{lever}: {old} → {new}", "nl": "{lever}: {old} → {new}"},
    # states (legend)
    "state_engaged": {"en": "Engaged", "nl": "Bevlogen"},
    "state_ok": {"en": "OK", "nl": "Gaat goed"},
    "state_at_risk": {"en": "At risk", "nl": "Risico"},
    "state_complaints": {"en": "Burn-out complaints", "nl": "Burn-outklachten"},
    "state_sick_leave": {"en": "On sick leave", "nl": "Verzuim (burn-out)"},
    "state_returning": {"en": "Returning (partial hours)", "nl": "Re-integratie (deeltijd)"},
    "state_vacant": {"en": "Vacancy", "nl": "Vacature"},
    "leader": {"en": "Leader", "nl": "Leidinggevende"},
    "leader_marked": {"en": "ring = leader", "nl": "ring = leidinggevende"},
    "team_n": {"en": "Team {n}", "nl": "Team {n}"},
    "teams": {"en": "Teams", "nl": "Teams"},
    "click_hint": {"en": "Hover over a person for a summary; click for details.",
                   "nl": "Wijs een persoon aan voor een samenvatting; klik voor details."},
    # KPIs
    "kpi_complaints": {"en": "Burn-out complaints", "nl": "Burn-outklachten"},
    "kpi_sick": {"en": "On burn-out sick leave", "nl": "Verzuim door burn-out"},
    "kpi_absence": {"en": "Hours lost (absence)", "nl": "Verzuim\u00adpercentage"},
    "kpi_engagement": {"en": "Engagement", "nl": "Bevlogenheid"},
    "kpi_energy": {"en": "Energy", "nl": "Energie"},
    "kpi_cost": {"en": "Burn-out cost so far", "nl": "Burn-outkosten tot nu toe"},
    "kpi_cost_split": {
        "en": "Burn-out: absence and the leavers due to burn-out. Not counted as burn-out: "
              "other staff turnover {other}, interventions {interventions}.",
        "nl": "Burn-out: verzuim en het vertrek door burn-out. Niet als burn-out geteld: "
              "overig personeelsverloop {other}, interventies {interventions}."},
    "kpi_people": {"en": "{n} people", "nl": "{n} mensen"},
    # charts
    "charts": {"en": "Over the weeks", "nl": "Door de weken heen"},
    "chart_complaints": {"en": "Burn-out complaints (% at work)",
                         "nl": "Burn-outklachten (% aan het werk)"},
    "chart_absence": {"en": "Burn-out absence (% of hours)",
                      "nl": "Verzuim door burn-out (% van de uren)"},
    "chart_engagement": {"en": "Engagement (0–1)", "nl": "Bevlogenheid (0–1)"},
    "chart_energy": {"en": "Energy (0–1)", "nl": "Energie (0–1)"},
    "chart_cost": {"en": "Cost so far, incl. interventions (€ 1000)",
                   "nl": "Kosten tot nu toe, incl. interventies (€ 1000)"},
    "chart_empty": {"en": "Press Step or Play to start.", "nl": "Druk op Stap of Start."},
    # person
    "person": {"en": "Person", "nl": "Persoon"},
    "person_title": {"en": "Position {row}, team {team}", "nl": "Functie {row}, team {team}"},
    "person_none": {"en": "Click a person in the teams to see details.",
                    "nl": "Klik op een persoon in de teams voor details."},
    "person_vacant": {"en": "This position is vacant.", "nl": "Deze functie is vacant."},
    "close": {"en": "Close", "nl": "Sluiten"},
    "status": {"en": "Status", "nl": "Status"},
    "energy": {"en": "Energy", "nl": "Energie"},
    "engagement": {"en": "Engagement", "nl": "Bevlogenheid"},
    "exhaustion": {"en": "Exhaustion", "nl": "Uitputting"},
    "bat_exhaustion": {"en": "BAT exhaustion score (1-5)", "nl": "BAT-score uitputting (1-5)"},
    "uwes_engagement": {"en": "UWES engagement score (0-6)",
                        "nl": "UWES-score bevlogenheid (0-6)"},
    "personal_resources": {"en": "Personal resources", "nl": "Persoonlijke hulpbronnen"},
    "job_resources": {"en": "Job resources", "nl": "Hulpbronnen in het werk"},
    "tenure_weeks": {"en": "In the organisation (weeks)", "nl": "In dienst (weken)"},
    "drains": {"en": "Energy drains", "nl": "Energievreters"},
    "givers": {"en": "Energy givers", "nl": "Energiegevers"},
    "drain_workload": {"en": "Workload / time pressure", "nl": "Werkdruk / tijdsdruk"},
    "drain_role_ambiguity": {"en": "Unclear role", "nl": "Onduidelijke rol"},
    "drain_priority_churn": {"en": "Changing priorities", "nl": "Wisselende prioriteiten"},
    "drain_relational_strain": {"en": "Strained relations", "nl": "Moeizame verhoudingen"},
    "drain_outside_work": {"en": "Life outside work", "nl": "Privésituatie (mantelzorg e.d.)"},
    "giver_autonomy": {"en": "Autonomy", "nl": "Regelruimte"},
    "giver_feedback": {"en": "Feedback", "nl": "Feedback"},
    "giver_recognition": {"en": "Recognition", "nl": "Waardering"},
    "giver_coaching": {"en": "Coaching", "nl": "Coaching"},
    "giver_development": {"en": "Development", "nl": "Ontwikkeling"},
    "giver_collaboration": {"en": "Collaboration", "nl": "Samenwerking"},
    "giver_psychological_safety": {"en": "Psychological safety",
                                   "nl": "Psychologische veiligheid"},
    "giver_lead_support": {"en": "Leader support", "nl": "Steun leidinggevende"},
    # export
    "export": {"en": "Export", "nl": "Exporteren"},
    "export_png": {"en": "Charts (PNG)", "nl": "Grafieken (PNG)"},
    "export_csv": {"en": "Run data (CSV)", "nl": "Rundata (CSV)"},
    # messages
    "msg_reset": {"en": "Restarted: {what}", "nl": "Opnieuw gestart: {what}"},
    "msg_horizon": {"en": "Reached week {week}, the end of the run. Press Reset or raise "
                          "the number of weeks.",
                    "nl": "Week {week} bereikt, het einde van de run. Druk op Opnieuw of "
                          "verhoog het aantal weken."},
    "err_invalid": {"en": "That does not work: {detail}", "nl": "Dat gaat niet: {detail}"},
    "err_ab_needs_interventions": {
        "en": "A/B needs at least one intervention for B; switch one on first.",
        "nl": "A/B heeft minstens één interventie voor B nodig; zet er eerst één aan.",
    },
    "err_start_week": {
        "en": "Intervention {name}: start week {week} is after the last week ({horizon}).",
        "nl": "Interventie {name}: startweek {week} ligt na de laatste week ({horizon}).",
    },
    "err_seed": {"en": "The seed must be a whole number from 0 up.",
                 "nl": "Het toevalsgetal moet een geheel getal vanaf 0 zijn."},
    "err_unexpected": {"en": "Something went wrong ({kind}); the run is unchanged.",
                       "nl": "Er ging iets mis ({kind}); de run is niet veranderd."},
    # v2: running line, presentation, units, A/B, events by team
    "running": {"en": "Running: {org} · {n} employees · {teams} teams · {scenario} · seed {seed}"
                      " · {weeks} weeks",
                "nl": "Nu: {org} · {n} medewerkers · {teams} teams · {scenario} · "
                      "toevalsgetal {seed} · {weeks} weken"},
    "present": {"en": "Present (F)", "nl": "Presenteer (F)"},
    "keys_hint": {"en": "Keys: space = play/pause, F = presentation mode.",
                  "nl": "Toetsen: spatie = start/pauze, F = presentatiemodus."},
    "speed_now": {"en": "now {rate} weeks/s", "nl": "nu {rate} weken/s"},
    "charts_shown": {"en": "Charts shown (up to 3)", "nl": "Getoonde grafieken (max. 3)"},
    "size_fixed": {"en": "{n} employees in {teams} named teams (fixed by the organisation)",
                   "nl": "{n} medewerkers in {teams} teams met naam (vast voor deze organisatie)"},
    "unit_level": {"en": "(0–1)", "nl": "(0–1)"},
    "unit_workload": {"en": "h per contract hour", "nl": "u per contractuur"},
    "unit_count": {"en": "at once", "nl": "tegelijk"},
    "unit_share": {"en": "% of time", "nl": "% van de tijd"},
    "unit_people": {"en": "people", "nl": "mensen"},
    "unit_weeks": {"en": "weeks", "nl": "weken"},
    "run_a_named": {"en": "A — {scenario}", "nl": "A — {scenario}"},
    "run_b_named": {"en": "B — {scenario} + {added}", "nl": "B — {scenario} + {added}"},
    "from_week": {"en": "from week {week}", "nl": "vanaf week {week}"},
    # intervention options (orgsim.interventions: the kinds' option slots with choices)
    "option_use": {"en": "freed time", "nl": "vrijgekomen tijd"},
    "option_use_more_work": {"en": "more work", "nl": "meer werk"},
    "option_use_development": {"en": "development", "nl": "ontwikkeling"},
    "option_use_autonomy": {"en": "autonomy", "nl": "regelruimte"},
    "option_use_recovery": {"en": "recovery", "nl": "herstel"},
    "option_teams": {"en": "Teams (none chosen: all)", "nl": "Teams (geen gekozen: alle)"},
    "delta_b": {"en": "Small numbers on the cards: B − A",
                "nl": "Kleine getallen op de kaarten: B − A"},
    "err_ab_in_baseline": {
        "en": "Scenario A already contains intervention {name}, so B would equal A: choose "
              "the baseline scenario for A, or another intervention for B.",
        "nl": "Scenario A bevat interventie {name} al, dus B zou gelijk zijn aan A: kies het "
              "basisscenario voor A of een andere interventie voor B."},
    "err_size": {"en": "Employees must be from {lo} to {hi} (got {n}).",
                 "nl": "Medewerkers moet tussen {lo} en {hi} liggen (nu {n})."},
    "ghost_option": {"en": "Also run the same future without the event (ghost run: same "
                           "people, same chance)",
                     "nl": "Laat dezelfde toekomst ook zonder de gebeurtenis meelopen "
                           "(schaduwrun: zelfde mensen, zelfde toeval)"},
    "run_with": {"en": "with: {event}", "nl": "met: {event}"},
    "run_without": {"en": "without: {event}", "nl": "zonder: {event}"},
    "delta_ghost": {
        "en": "Small numbers on the cards: with the event − without it (ghost run)",
        "nl": "Kleine getallen op de kaarten: met de gebeurtenis − zonder (schaduwrun)"},
    "err_state": {"en": "The saved state could not be restored ({detail}); the default "
                        "organisation is shown.",
                   "nl": "De bewaarde toestand kon niet worden hersteld ({detail}); de "
                         "standaardorganisatie staat klaar."},
    "save": {"en": "Save set-up (file)", "nl": "Opzet bewaren (bestand)"},
    "load": {"en": "Drop a saved set-up file here to load it",
             "nl": "Sleep een bewaard opzetbestand hierheen om het te laden"},
    "state_hint": {"en": "The address in the browser keeps this state: a reload, or the link "
                         "opened elsewhere, restores it.",
                   "nl": "Het adres in de browser bewaart deze toestand: herladen, of de link "
                         "elders openen, zet haar terug."},
    "starts": {"en": "{name} starts in {run}", "nl": "{name} begint in {run}"},
    # guided acts (orgsim.app.acts)
    "acts": {"en": "Guided acts", "nl": "Akten (draaiboek)"},
    "acts_help": {"en": "One click sets up the act on the organisation that runs now.",
                  "nl": "Eén klik zet de akte klaar op de organisatie die nu draait."},
    "act_n": {"en": "Act {n}: {title}", "nl": "Akte {n}: {title}"},
    "act_question": {"en": "Question for the room", "nl": "Vraag aan de zaal"},
    "act_baseline": {"en": "The organisation as it is", "nl": "De organisatie zoals ze is"},
    "act_baseline_point": {
        "en": "Half a year on. Burn-out is an outcome of the system (work, resources, "
              "leadership), not of weak people: the same kind of people go orange in one "
              "team and stay blue in the next.",
        "nl": "Een half jaar verder. Burn-out is een uitkomst van het systeem (werk, "
              "hulpbronnen, leiderschap), niet van zwakke mensen: dezelfde soort mensen "
              "kleurt oranje in het ene team en blijft blauw in het andere."},
    "act_baseline_question": {"en": "Which teams worry you, and what would you look at first?",
                              "nl": "Welke teams baren u zorgen, en waar kijkt u eerst naar?"},
    "act_domino": {"en": "A key colleague drops out", "nl": "Een sleutelcollega valt uit"},
    "act_domino_point": {
        "en": "In week 26 a key colleague of Team 2 leaves. Press Play: the others carry the "
              "work; the dotted line is the same future without the drop-out.",
        "nl": "In week 26 vertrekt een sleutelcollega van Team 2. Druk op Start: de anderen "
              "vangen het werk op; de stippellijn is dezelfde toekomst zonder de uitval."},
    "act_domino_question": {
        "en": "What does your organisation do in the first two weeks after such a drop-out?",
        "nl": "Wat doet uw organisatie in de eerste twee weken na zo'n uitval?"},
    "act_focus": {"en": "More focus (A/B)", "nl": "Meer focus (A/B)"},
    "act_focus_point": {
        "en": "B is A plus Focus (fewer things at once, fewer changing priorities), with the "
              "same people and the same chance. Play a year: B − A on the cards is the "
              "effect.",
        "nl": "B is A plus Focus (minder ballen tegelijk, minder wisselende prioriteiten), "
              "met dezelfde mensen en hetzelfde toeval. Speel een jaar: B − A op de kaarten "
              "is het effect."},
    "act_focus_question": {"en": "What would your teams stop doing to gain focus?",
                           "nl": "Waar zouden uw teams mee stoppen om focus te winnen?"},
    "act_more_work": {"en": "Free capacity → more work", "nl": "Ruimte → meer werk"},
    "act_more_work_point": {
        "en": "Less meeting and admin time, but the freed hours are filled with more work. "
              "Play a year and compare the cards with act 1's.",
        "nl": "Minder vergader- en administratietijd, maar de vrijgekomen uren worden met "
              "meer werk gevuld. Speel een jaar en vergelijk de kaarten met die van akte 1."},
    "act_more_work_question": {"en": "Where does freed-up time go in your organisation?",
                               "nl": "Waar gaat vrijgemaakte tijd bij u naartoe?"},
    "act_return": {"en": "Relational return to work (A/B)",
                   "nl": "Relationele re-integratie (A/B)"},
    "act_return_point": {
        "en": "B adds a relational return to work: how people come back decides whether "
              "they fall out again. Watch the pink tiles and the sick leave.",
        "nl": "B voegt relationele re-integratie toe: hoe mensen terugkomen bepaalt of ze "
              "opnieuw uitvallen. Kijk naar de roze tegels en het verzuim."},
    "act_return_question": {"en": "Who talks to someone who is coming back, and about what?",
                            "nl": "Wie praat er met iemand die terugkomt, en waarover?"},
    "event_in": {"en": "{event} in {where}", "nl": "{event} in {where}"},
    "whole_org": {"en": "the whole organisation", "nl": "de hele organisatie"},
    "footer": {
        "en": "orgsim — runs on this computer only; no internet needed.",
        "nl": "orgsim — draait alleen op deze computer; geen internet nodig.",
    },
}

def t(key: str, lang: str | Lang = Lang.EN, **fmt: Any) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled from ``fmt``.

    Raises:
        KeyError: for an unknown key (a programming error, caught by the tests).
    """
    text = TEXTS[key][str(Lang(lang))]
    return text.format(**fmt) if fmt else text


def team_title(index: int, name: str, lang: str | Lang = Lang.EN) -> str:
    """How the app names team ``index`` (from 0): "Team 3" counts from 1, like the tiles;
    a named team (an imported client's) also shows its name ("Team 3 · Finance")."""
    number = t("team_n", lang, n=index + 1)
    return f"{number} · {name}" if name else number


def name_label(name: str, lang: str | Lang = Lang.EN) -> str:
    """A readable label for a scenario/intervention/org name from the configs (the same
    words as the MT report: :mod:`orgsim.labels`)."""
    return labels.label(name, str(Lang(lang)))
