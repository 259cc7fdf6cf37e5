"""Helpers for the workshop-app tests: small organisations and widget lookup by CSS class.

A plain module, not a conftest.py: tests elsewhere do ``from conftest import ...`` and a second
module named ``conftest`` would shadow theirs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipyvue
import ipyvuetify as v
import solara
import solara.widgets

from orgsim.app.controller import Settings

#: A small organisation: fast to build and step, still several teams. No warm-up, so every
#: test starts from a rested workforce whatever the (recalibrated) defaults do in steady state.
#: small and busy (a fast drain pinned so that a few weeks visibly change the numbers,
#: whatever the calibrated defaults are)
SMALL = {"n_employees": 40, "horizon": 30, "seed": 3,
         "overrides": ("warmup_weeks=0", "params.drain_rate=0.05")}


def small_settings(**changes: Any) -> Settings:
    """Settings for a small run (``changes`` override)."""
    return Settings(**{**SMALL, **changes})


def classes_of(widget: Any) -> list[str]:
    """CSS classes of an ipyvuetify widget or a solara.HTML widget."""
    cls = getattr(widget, "class_", "") or ""
    attrs = getattr(widget, "attributes", None) or {}
    return f"{cls} {attrs.get('class', '')}".split()


def all_widgets(rc: Any) -> list[Any]:
    """Every widget of the rendered page that tests look at."""
    out: list[Any] = []
    for cls in (v.Btn, v.BtnToggle, solara.widgets.HTML, v.Alert, v.Html, v.Select, v.Slider,
                v.Checkbox, v.Img, ipyvue.VueTemplate, v.TextField, v.ExpansionPanelHeader,
                v.CardTitle):
        out += rc.find(cls).widgets
    return list({id(w): w for w in out}.values())


def by_class(rc: Any, name: str) -> Any:
    """The one widget carrying CSS class ``name``."""
    found = [w for w in all_widgets(rc) if name in classes_of(w)]
    assert len(found) == 1, f"expected one widget with class {name!r}, found {len(found)}"
    return found[0]


def texts(rc: Any) -> list[str]:
    """All visible strings of the page: children strings, labels and inner HTML."""
    out: list[str] = []
    for w in all_widgets(rc):
        for child in getattr(w, "children", []) or []:
            if isinstance(child, str):
                out.append(child)
        for attr in ("label", "unsafe_innerHTML"):
            value = getattr(w, attr, None)
            if isinstance(value, str):
                out.append(value)
        items = getattr(w, "items", None)
        if isinstance(items, list):
            out += [str(i) for i in items]
    return out



#: An imported client (as ``orgsim import-survey`` writes it): named teams fix its size.
CLIENT_YAML = """# @package _global_
org:
  name: Client Ltd
  n_employees: 23
  teams:
  - name: Customer Service
    headcount: 7
  - name: Finance
    headcount: 5
  - name: IT & Data
    headcount: 11
"""
CLIENT_TEAMS = ["Customer Service", "Finance", "IT & Data"]


def write_client(home: Path) -> Path:
    """Write the client preset ``org=client`` under ``home`` (use as ``$ORGSIM_HOME``)."""
    path = home / "configs" / "org" / "client.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CLIENT_YAML)
    return home
