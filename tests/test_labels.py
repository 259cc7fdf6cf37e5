"""One table of readable names for the app and the report (orgsim.labels)."""

from __future__ import annotations

import pytest

from orgsim import labels
from orgsim.app.i18n import name_label
from orgsim.compose import load_config
from orgsim.config import available
from orgsim.report import i18n as report_i18n


@pytest.mark.parametrize(("group", "table"), [("scenario", labels.SCENARIOS),
                                              ("intervention", labels.INTERVENTIONS),
                                              ("org", labels.ORGS)])
def test_every_shipped_name_has_its_own_words_in_both_languages(group: str, table: dict) -> None:
    shipped = set(available(group, user=False))
    assert shipped <= set(table), f"{group}: no label for {sorted(shipped - set(table))}"
    for name in shipped:
        entry = table[name]
        assert entry.en and entry.nl


def test_every_scenario_says_what_it_changes_in_both_languages() -> None:
    for name in available("scenario"):
        assert labels.description(name, "en") and labels.description(name, "nl"), name


def test_app_and_report_use_the_same_words() -> None:
    for name in available("scenario"):
        for lang in labels.LANGS:
            assert name_label(name, lang) == report_i18n.scenario_label(lang, name)
    assert labels.label("survey_cycle", "nl") == "MTO-cyclus"


def test_organisations_read_the_same_in_menus_and_sentences() -> None:
    """Each shipped preset's ``org.name`` (what the report gets from a run) finds its entry,
    so the report's sentence and the app's menu name the same organisation."""
    for preset in available("org", user=False):
        org = labels.ORGS[preset]
        assert load_config([f"org={preset}"]).org.name == org.name
        for lang in labels.LANGS:
            phrase = report_i18n.org_name(lang, org.name)
            assert phrase == labels.org_phrase(org.name, lang) != org.name
            assert name_label(preset, lang).lower().split()[-1] in phrase.lower()
    assert labels.org_phrase("Gemeente Voorbeeld", "nl") == "Gemeente Voorbeeld"  # a client's


def test_unknown_names_read_as_words_and_unknown_languages_are_refused() -> None:
    assert labels.label("my_new_preset", "nl") == "My new preset"
    assert labels.description("my_new_preset", "en") == ""
    with pytest.raises(ValueError, match="language must be one of"):
        labels.label("focus", "de")
    with pytest.raises(ValueError, match="language must be one of"):
        labels.description("unknown", "fr")


def test_team_inputs_have_names_in_both_languages_and_the_sliders_use_them() -> None:
    from orgsim.app.controller import LEVERS
    from orgsim.app.i18n import t

    assert labels.team_input("role_ambiguity", "nl") == "Onduidelijke rollen"
    for lever in LEVERS:
        for lang in labels.LANGS:
            assert t(f"lever_{lever.name}", lang) == labels.team_input(lever.name, lang)
    with pytest.raises(KeyError, match="not a team input"):
        labels.team_input("no_such_level", "en")
