"""Readable English and Dutch names of the shipped scenarios, interventions and organisations,
and of the team inputs (their names are kept in :mod:`orgsim.team_inputs`).

One table for every place that shows them - the workshop app's menus and the MT report's
tables, charts and sentences - so a trainer and a consultant call a scenario or an
organisation by the same name. Names a
table does not know (a user's own preset) fall back to the config name, readable
(``my_new_preset`` -> "My new preset").

Example:
    >>> label("clearer_roles", "nl")
    'Heldere rollen'
    >>> label("my_new_preset", "en")
    'My new preset'
"""

from __future__ import annotations

from typing import NamedTuple

from orgsim import team_inputs

LANGS = ("en", "nl")


class Label(NamedTuple):
    """A name in English and Dutch, with an optional one-line description of each."""

    en: str
    nl: str
    about_en: str = ""
    about_nl: str = ""


#: Scenarios (``configs/scenario``), with what they change in one line.
SCENARIOS: dict[str, Label] = {
    "baseline": Label("Baseline", "Huidige situatie", "carry on as now", "doorgaan zoals nu"),
    "focus": Label("Focus", "Focus", "fewer parallel priorities, less churn",
                   "minder gelijktijdige prioriteiten, minder wisselingen"),
    "clearer_roles": Label("Clearer roles", "Heldere rollen",
                           "less role ambiguity, clearer goals",
                           "minder rolonduidelijkheid, heldere doelen"),
    "free_capacity_more_work": Label(
        "Free capacity → more work", "Ruimte → meer werk",
        "less bureaucracy, freed time filled with more work",
        "minder bureaucratie, vrijgekomen tijd gevuld met werk"),
    "free_capacity_development": Label(
        "Free capacity → development", "Ruimte → ontwikkeling",
        "less bureaucracy, freed time used for development",
        "minder bureaucratie, vrijgekomen tijd voor ontwikkeling"),
    "free_capacity_autonomy": Label(
        "Free capacity → autonomy", "Ruimte → autonomie",
        "less bureaucracy, freed time gives more autonomy",
        "minder bureaucratie, vrijgekomen tijd geeft meer autonomie"),
    "free_capacity_recovery": Label(
        "Free capacity → recovery", "Ruimte → herstel",
        "less bureaucracy, freed time used for recovery",
        "minder bureaucratie, vrijgekomen tijd voor herstel"),
    "recognition": Label("Recognition", "Waardering en erkenning",
                         "more feedback and celebrating what works",
                         "meer feedback en vieren wat goed gaat"),
    "leadership": Label("Leadership training", "Leiderschapstraining",
                        "support, signal detection, honest conversation",
                        "steun, signalen oppikken, het eerlijke gesprek"),
    "psych_safety": Label("Psychological safety", "Psychologische veiligheid",
                          "safe to voice doubts and limits",
                          "veilig om twijfels en grenzen te uiten"),
    "recovery": Label("Recovery policy", "Herstelbeleid",
                      "breaks, no after-hours messages, flexible hours",
                      "pauzes, geen berichten na werktijd, flexibele uren"),
    "resilience_training_only": Label("Resilience training only",
                                      "Alleen weerbaarheidstraining",
                                      "individual training, fading over months",
                                      "individuele training, effect zakt in maanden weg"),
    "combined_org_package": Label("Combined organisational package",
                                  "Gecombineerd organisatiepakket",
                                  "focus, clearer roles, leadership and recovery together",
                                  "focus, heldere rollen, leiderschap en herstel samen"),
    "survey_cycle": Label("Survey cycle", "MTO-cyclus",
                          "periodic survey, targeted help for teams at risk",
                          "periodiek onderzoek, gerichte hulp voor teams met risico"),
    "job_crafting": Label("Job crafting", "Job crafting",
                          "employees reshape their own tasks (bottom-up)",
                          "medewerkers geven hun eigen taken vorm (van onderop)"),
    "relational_rtw": Label("Relational return to work", "Relationele re-integratie",
                            "leader and team involved in recovery and return",
                            "leidinggevende en team betrokken bij herstel en terugkeer"),
    "staffing_buffer": Label("Staffing buffer", "Extra bezetting",
                             "spare capacity to absorb absence",
                             "reservecapaciteit om verzuim op te vangen"),
    "canary_review": Label("Canary in the mine", "Kanarie in de kolenmijn",
                           "each burn-out case leads to a review of the team's work",
                           "elk burn-outgeval leidt tot een gesprek over het werk van het team"),
}

#: Interventions (``configs/intervention``); where a scenario has the same name, the same words.
INTERVENTIONS: dict[str, Label] = {
    **{name: SCENARIOS[name] for name in ("focus", "clearer_roles", "recognition",
                                          "job_crafting", "staffing_buffer", "survey_cycle",
                                          "canary_review")},
    "free_capacity": Label("Free capacity", "Ruimte vrijmaken"),
    "leadership_training": Label("Leadership training", "Leiderschapstraining"),
    "psychological_safety": Label("Psychological safety", "Psychologische veiligheid"),
    "recovery_policy": Label("Recovery policy", "Herstelbeleid"),
    "resilience_training": Label("Resilience training", "Weerbaarheidstraining"),
    "relational_return_to_work": Label("Relational return to work",
                                       "Relationele re-integratie"),
}

class OrgLabel(NamedTuple):
    """An organisation preset: its ``org.name``, its label and its phrase in a sentence."""

    name: str  #: ``org.name`` in the preset (what a run and the report know)
    en: str
    nl: str
    phrase_en: str  #: with an article, for a sentence ("a municipality")
    phrase_nl: str


#: Organisation presets (``configs/org``).
ORGS: dict[str, OrgLabel] = {
    "typical_dutch": OrgLabel("typical Dutch organisation", "Typical Dutch organisation",
                              "Gemiddelde Nederlandse organisatie",
                              "a typical Dutch organisation",
                              "een gemiddelde Nederlandse organisatie"),
    "healthcare_ward": OrgLabel("hospital nursing wards", "Hospital nursing wards",
                                "Verpleegafdelingen van een ziekenhuis",
                                "the nursing wards of a hospital",
                                "de verpleegafdelingen van een ziekenhuis"),
    "software_company": OrgLabel("software company", "Software company", "Softwarebedrijf",
                                 "a software company", "een softwarebedrijf"),
    "education": OrgLabel("secondary school", "Secondary school", "Middelbare school",
                          "a secondary school", "een middelbare school"),
    "municipality": OrgLabel("municipality", "Municipality", "Gemeente", "a municipality",
                             "een gemeente"),
}

#: Every known name (scenario, intervention and organisation names do not clash).
ALL: dict[str, Label | OrgLabel] = {**ORGS, **INTERVENTIONS, **SCENARIOS}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, got {lang!r}")


def label(name: str, lang: str) -> str:
    """The readable name of a scenario, intervention or organisation preset in ``lang``."""
    _check_lang(lang)
    known = ALL.get(name)
    if known is None:
        return name.replace("_", " ").capitalize()
    return known.nl if lang == "nl" else known.en


def description(name: str, lang: str) -> str:
    """One line on what scenario ``name`` changes, in ``lang`` ("" when not known here)."""
    _check_lang(lang)
    known = SCENARIOS.get(name)
    if known is None:
        return ""
    return known.about_nl if lang == "nl" else known.about_en


def team_input(name: str, lang: str) -> str:
    """The readable name of team input ``name`` (a demand, resource, ...) in ``lang``.

    Raises:
        KeyError: for a name that is not a team input.
    """
    _check_lang(lang)
    inp = team_inputs.get(name)
    return inp.nl if lang == "nl" else inp.en


def org_phrase(org_name: str, lang: str) -> str:
    """A shipped organisation (by its ``org.name``) as a phrase with an article in ``lang``;
    any other name (a client's own) as it is."""
    _check_lang(lang)
    for org in ORGS.values():
        if org.name == org_name:
            return org.phrase_nl if lang == "nl" else org.phrase_en
    return org_name


__all__ = ["ALL", "INTERVENTIONS", "LANGS", "ORGS", "SCENARIOS", "Label", "OrgLabel",
           "description", "label", "org_phrase", "team_input"]
