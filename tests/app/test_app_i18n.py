"""Every UI text exists in English and Dutch, and the app only asks for texts that exist."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from orgsim import OrgModel
from orgsim.app import app as app_module
from orgsim.app.controller import GIVERS, LEVERS
from orgsim.app.i18n import TEXTS, Lang, name_label, t
from orgsim.app.plots import PANELS
from orgsim.app.sources import (
    available_interventions,
    available_scenarios,
    event_names,
    intervention_info,
)

APP_DIR = Path(app_module.__file__).parent


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = TEXTS[key]
    assert set(entry) == {lang.value for lang in Lang}
    assert all(entry[lang].strip() for lang in entry)
    assert _fields(entry["en"]) == _fields(entry["nl"])


def test_every_literal_key_used_in_the_app_exists() -> None:
    used: set[str] = set()
    for path in APP_DIR.glob("*.py"):
        used |= set(re.findall(r"\bt\(\s*\"([a-z0-9_]+)\"\s*[,)]", path.read_text()))
    assert used, "the scan found no t(...) calls"
    assert sorted(used - set(TEXTS)) == []


def test_every_composed_key_exists() -> None:
    model = OrgModel(overrides={"org.n_employees": 20, "warmup_weeks": 0})
    model.step()
    composed = (
        [f"lever_{lv.name}" for lv in LEVERS]
        + [f"group_{lv.group}" for lv in LEVERS]
        + [f"event_{e}" for e in event_names()] + [f"desc_{e}" for e in event_names()]
        + [f"drain_{d}" for d in model.demand_breakdown(1)]
        + [f"giver_{g}" for g in GIVERS]
        + [key for key, _ in PANELS]
        + list(app_module.STATE_KEYS.values())
        + [f"option_{slot}" for name in available_interventions()
           for slot in intervention_info(name).choices]
        + [f"option_{slot}_{value}" for name in available_interventions()
           for slot, values in intervention_info(name).choices.items() for value in values]
    )
    assert sorted(set(composed) - set(TEXTS)) == []


def test_dutch_uses_the_practitioners_words() -> None:
    dutch = " ".join(entry["nl"] for entry in TEXTS.values()).lower()
    for word in ("werkdruk", "regelruimte", "energievreters", "energiegevers", "verzuim",
                 "bevlogenheid", "re-integratie", "burn-outklachten", "leidinggevende"):
        assert word in dutch


def test_config_names_get_labels_in_both_languages() -> None:
    for name in {*available_scenarios(), *available_interventions()}:
        assert name_label(name, Lang.EN) and name_label(name, Lang.NL)
    assert name_label("some_new_preset", Lang.NL) == "Some new preset"


def test_t_fills_placeholders_and_rejects_unknown_keys() -> None:
    assert t("week_n", "nl", week=3) == "Week 3"
    with pytest.raises(KeyError):
        t("no_such_key")
    with pytest.raises(ValueError):
        t("title", "de")


def test_a_users_own_organisation_shows_by_its_name(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A client's preset from ``orgsim import-survey`` (in the user's presets) is in the
    organisation menu under the name it carries."""
    from orgsim.app.sources import available_orgs, org_label
    from orgsim.config import CONFIG_DIR, HOME_ENV

    org = tmp_path / "configs" / "org"
    org.mkdir(parents=True)
    text = (CONFIG_DIR / "org" / "municipality.yaml").read_text()
    (org / "gemeente_voorbeeld.yaml").write_text(
        text.replace("name: municipality", "name: Gemeente Voorbeeld"))
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    assert "gemeente_voorbeeld" in available_orgs()
    assert org_label("gemeente_voorbeeld", "nl") == "Gemeente Voorbeeld"
    assert org_label("municipality", "nl") == "Gemeente"
