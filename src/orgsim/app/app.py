"""The Solara page of the workshop app (``orgsim app``; see docs/app.md).

The page draws a :class:`~orgsim.app.controller.Workshop` and calls its methods; all logic
lives there. Each browser session renders its own ``Page`` and so has its own Workshop
(``solara.use_memo``). Every control handler goes through :func:`_guard`, so a bad
combination shows a message and never a stack trace.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any, cast

import numpy as np
import pandas as pd
import solara

from orgsim import team_inputs
from orgsim.app.acts import ACT_BY_KEY, ACTS, act_snapshot
from orgsim.app.controller import (
    LEVER_BY_NAME,
    LEVERS,
    SIZE_RANGE,
    TEAM_IN_MESSAGE,
    TILE_COLOURS,
    AppError,
    RunLabel,
    Settings,
    TileState,
    Workshop,
    settings_from_overrides,
    snapshot_from_text,
    snapshot_text,
    team_names,
)
from orgsim.app.i18n import TEXTS, Lang, name_label, t, team_title
from orgsim.app.plots import DEFAULT_PANELS, PANELS, ChartBoard, charts_png, team_png
from orgsim.app.serve import OVERRIDES_ENV
from orgsim.app.sources import (
    InterventionChoice,
    available_interventions,
    available_orgs,
    available_scenarios,
    event_function,
    event_names,
    intervention_info,
    org_label,
    org_size,
    org_team_names,
    org_teams,
)
from orgsim.config import ConfigError
from orgsim.logs import quiet_mesa
from orgsim.model import OrgModel
from orgsim.scales import linked
from orgsim.state import Role

log = logging.getLogger("orgsim.app")

#: Play speeds in weeks per second. Play steps one week per frame and draws every week,
#: so a pause stops within one week; when drawing takes longer than 1/speed the page says
#: the speed it reaches.
SPEEDS = [1, 2, 4, 8, 16]
#: Futures of the band (seeds seed .. seed + 9) and the most seconds it may take.
BAND_FUTURES = 10
BAND_MAX_SECONDS = 240.0
#: Text sizes (the page's text times 1, 1.2, 1.4; CSS classes og-text-<size>), beside
#: presentation mode and kept in the address.
TEXT_SIZES = ("normal", "large", "xlarge")
#: A message shown above the teams: (kind, i18n key, format values); kind is "error",
#: "info" or "event" (key is then the event name and fmt["detail"] the model's message).
Message = tuple[str, str, dict[str, Any]]
STATE_KEYS = {
    TileState.ENGAGED: "state_engaged",
    TileState.OK: "state_ok",
    TileState.AT_RISK: "state_at_risk",
    TileState.COMPLAINTS: "state_complaints",
    TileState.SICK_LEAVE: "state_sick_leave",
    TileState.RETURNING: "state_returning",
    TileState.VACANT: "state_vacant",
}

CSS = """
.og-app { --og-ts: 1; height: 100vh; display: flex; flex-direction: column; overflow: hidden;
          font-size: calc(15px * var(--og-ts)); }
.og-header { background: #e8f0f8; color: #000; padding: 2px 10px; flex: 0 0 auto;
             align-items: center; flex-wrap: wrap; row-gap: 2px; }
.og-header .v-btn { margin: 0 1px; }
.og-header .v-btn-toggle .v-btn { min-width: 34px; padding: 0 6px; }
.og-title { font-size: calc(20px * var(--og-ts)); font-weight: 600; margin-right: 8px; }
.og-running { font-size: calc(14px * var(--og-ts)); color: #333; }
.og-week { font-size: calc(26px * var(--og-ts)); font-weight: 700;
           margin: 0 8px; min-width: 4.4em; }
.og-speed-now { font-size: calc(12px * var(--og-ts)); margin-left: 2px; }
.og-lever .v-label { display: none; }
.og-lever .v-input { margin-top: 0; }
.og-lever-text { font-size: calc(14px * var(--og-ts)); margin-top: 4px; }
.og-lang-label { font-size: calc(13px * var(--og-ts)); margin-right: 6px; }
.og-body { flex: 1 1 auto; min-height: 0; display: flex; flex-wrap: nowrap; }
.og-drawer { width: 330px; flex: 0 0 330px; height: 100%; overflow-y: auto; padding: 6px 10px;
             border-right: 1px solid #ccc; background: #fbfbfb; }
.og-main { flex: 1 1 auto; min-width: 0; height: 100%; overflow-y: auto; padding: 6px 12px; }
.og-stage { display: flex; flex-wrap: nowrap; gap: 12px; align-items: flex-start; }
.og-runs { flex: 1 1 auto; min-width: 0; display: flex; gap: 12px; flex-wrap: nowrap; }
.og-chart-col { flex: 0 0 auto; max-width: 42%; }
.og-charts { display: block; max-width: 100%; height: auto;
             max-height: calc(100vh - 72px); width: auto; }
.og-kpis { display: flex; flex-wrap: nowrap; gap: 6px; margin: 2px 0 4px; }
.og-kpi { background: #fff; border: 1px solid #bbb; border-radius: 8px; padding: 3px 6px;
          flex: 1 1 0; min-width: 0; }
.og-kpis-ab .og-kpis { flex-wrap: wrap; }
.og-run-ab .og-grid { gap: 5px; }
.og-run-ab .og-team { padding: 2px 3px 4px; }
.og-kpis-ab .og-kpi { flex: 1 1 28%; }
.og-kpi .v { font-size: calc(24px * var(--og-ts)); font-weight: 600; line-height: 1.15; }
.og-kpi .l { font-size: calc(13px * var(--og-ts)); color: #333;
             overflow-wrap: normal; hyphens: manual; }
.og-kpi .d { font-size: calc(14px * var(--og-ts)); color: #000;
             font-weight: 600; white-space: nowrap; }
.og-kpi-note { font-size: calc(13px * var(--og-ts)); font-weight: 600; }
.og-run-title { font-size: calc(17px * var(--og-ts)); font-weight: 600; margin: 2px 0; }
.og-legend { display: flex; flex-wrap: wrap;
             gap: 4px 14px; font-size: calc(14px * var(--og-ts)); margin: 6px 0; }
.og-legend .og-sw { display: inline-block; width: 16px; height: 16px; border-radius: 3px;
                    vertical-align: -3px; margin-right: 5px; box-sizing: border-box; }
.og-s-3 { background-image: radial-gradient(circle, #000 0 22%, transparent 26%); }
.og-s-4 { background-image: repeating-linear-gradient(45deg, rgba(0,0,0,.6) 0 2px,
                                                      transparent 2px 5px); }
.og-s-6 { border: 2px dashed #777; }
.og-act { background: #fff8e1; border-left: 5px solid #e69f00; padding: 4px 8px;
          font-size: calc(15px * var(--og-ts)); }
.og-act-title { font-weight: 600; }
.og-act-q { margin-top: 2px; }
.og-present .og-act { font-size: calc(16px * var(--og-ts)); }
.og-person table { border-collapse: collapse; font-size: calc(14px * var(--og-ts)); }
.og-person td { padding: 2px 10px 2px 0; }
.og-bar { display: inline-block; height: 10px; background: #0b4f8a; border-radius: 2px; }
.og-log { font-size: calc(14px * var(--og-ts)); max-height: 200px; overflow-y: auto; }
.og-small { font-size: calc(13px * var(--og-ts)); color: #444; }
.og-present { font-size: calc(18px * var(--og-ts)); }
.og-present .og-title { display: none; }
.og-present .og-running, .og-present .og-speed-now { font-size: calc(16px * var(--og-ts)); }
.og-present .og-week { font-size: calc(34px * var(--og-ts)); }
.og-present .og-kpi .v { font-size: calc(30px * var(--og-ts)); }
.og-present .og-kpi .l, .og-present .og-kpi .d, .og-present .og-kpi-note {
  font-size: calc(16px * var(--og-ts)); }
.og-present .og-run-title { font-size: calc(22px * var(--og-ts)); }
.og-present .og-legend, .og-present .og-small, .og-present .og-message {
  font-size: calc(18px * var(--og-ts)); }
.og-present .og-chart-col { max-width: 41%; }
.og-team-panel { background: #fff; border: 1px solid #bbb; border-radius: 8px; padding: 2px; }
.og-team-chart { display: block; width: 640px; max-width: 100%; height: auto; }
.og-until { flex-wrap: wrap; row-gap: 4px; }
.og-drawer .v-btn { height: auto !important; min-height: 28px; max-width: 100%;
                    padding-top: 3px !important; padding-bottom: 3px !important; }
.og-drawer .v-btn__content { white-space: normal; flex: 1 1 auto; text-align: left; }
.og-text-xlarge .og-kpis { flex-wrap: wrap; }
.og-text-xlarge .og-kpi { flex: 1 1 28%; }
.og-band { font-size: calc(14px * var(--og-ts)); }
.og-present .og-band { font-size: calc(16px * var(--og-ts)); }
.og-present .v-btn { font-size: calc(16px * var(--og-ts)); }
/* text size (normal / large / extra large): every text above times --og-ts, and the
   controls' own text */
.og-text-large { --og-ts: 1.2; }
.og-text-xlarge { --og-ts: 1.4; }
.og-text-large .v-btn, .og-text-xlarge .v-btn { font-size: calc(14px * var(--og-ts)); }
.og-text-large .v-label, .og-text-xlarge .v-label, .og-text-large input,
.og-text-xlarge input, .og-text-large .v-select__selection,
.og-text-xlarge .v-select__selection { font-size: calc(16px * var(--og-ts)); }
"""


def default_settings() -> Settings:
    """Settings of a new session from the overrides given to ``orgsim app`` (``org=client``
    becomes the menu's organisation, with its own size; see
    :func:`~orgsim.app.controller.settings_from_overrides`).

    Raises:
        AppError: for an override the menu cannot take.
    """
    raw = os.environ.get(OVERRIDES_ENV, "")
    try:
        overrides = tuple(str(x) for x in json.loads(raw)) if raw else ()
    except (ValueError, TypeError):
        log.warning("ignoring malformed %s=%r", OVERRIDES_ENV, raw)
        overrides = ()
    return settings_from_overrides(overrides)


def start_workshop(initial: Settings | None) -> tuple[Workshop, Message | None]:
    """The session's Workshop; if its settings cannot run, the defaults and a message
    saying why (never a stack trace as the page)."""
    try:
        return Workshop(initial or default_settings()), None
    except AppError as exc:
        return Workshop(Settings()), ("error", exc.key, exc.fmt)


def unit_text(name: str, value: float, lang: str) -> str:
    """A lever's value with its unit ("0.63 h per contract hour", "20 % of time")."""
    unit = team_inputs.get(name).unit
    if unit == "count":
        return f"{value:g} {t('unit_count', lang)}"
    if unit == "share of time":
        return f"{100 * value:.0f} {t('unit_share', lang)}"
    if unit.startswith("hours"):
        return f"{value:.2f} {t('unit_workload', lang)}"
    return f"{value:.2f} {t('unit_level', lang)}"


def is_snap(value: float, level: float, lo: float, step: float) -> bool:
    """Whether a slider reporting ``value`` only snapped the off-grid ``level`` (a preset's
    0.63 on a grid of 0.02) to a neighbouring grid point, which is no move."""
    off = (level - lo) / step
    return abs(off - round(off)) > 1e-6 and abs(value - level) <= step / 2 + 1e-9


def copy_settings(s: Settings) -> Settings:
    """An independent copy (the dict of interventions included)."""
    return dataclasses.replace(s, interventions=dict(s.interventions))


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _eur(x: float) -> str:
    if x < 10_000:
        return f"€ {x:,.0f}"
    return f"€ {x / 1000:,.0f}k" if x < 1e6 else f"€ {x / 1e6:,.2f}M"


def hover_text(lang: str) -> Callable[[OrgModel, np.ndarray], list[str]]:
    """A function giving the tooltip of every tile in ``lang``."""

    def describe(model: OrgModel, states: np.ndarray) -> list[str]:
        ws = model.workforce
        personal = ws.personal_resources()
        leader = f" · {t('leader', lang)}"
        names = {s: t(STATE_KEYS[s], lang) for s in TileState}
        labels = [t(key, lang) for key in ("energy", "engagement", "personal_resources",
                                          "job_resources", "drains")]
        out = []
        for row in range(ws.size):
            state = TileState(int(states[row]))
            head = names[state] + (leader if ws.role[row] == Role.LEADER else "")
            if state is TileState.VACANT:
                out.append(head)
                continue
            drains = model.demand_breakdown(row)
            top = max(drains, key=drains.__getitem__) if drains else None
            lines = [head, f"{labels[0]}: {ws.energy[row]:.2f}",
                     f"{labels[1]}: {ws.engagement[row]:.2f}",
                     f"{labels[2]}: {personal[row]:.2f}",
                     f"{labels[3]}: {ws.job_resources[row]:.2f}"]
            if top:
                lines.append(f"{labels[4]}: {t('drain_' + top, lang)}")
            out.append("\n".join(lines))
        return out

    return describe


@solara.component_vue("team_grid.vue")
def TeamGrid(teams: list[dict[str, Any]], titles: list[str], selected: int, tile_size: str,
             columns: int, event_select: Callable[[int], None],
             event_select_team: Callable[[int], None]) -> None:
    """Teams as groups of coloured tiles (Vue template: hover shows a summary, click selects;
    a click on a team's name opens its team panel)."""


@solara.component_vue("keys.vue")
def Keys(event_key: Callable[[str], None]) -> None:
    """Keyboard shortcuts of the whole page: space = play/pause, F = presentation mode."""


@solara.component_vue("urlstate.vue")
def UrlState(state: str, event_loaded: Callable[[str], None]) -> None:
    """The page's address keeps the workshop's state (``?s=``): read once when the page
    opens, rewritten (without a new history entry) whenever the state changes."""


@solara.component
def Legend(lang: str) -> None:
    items = "".join(
        f'<span><span class="og-sw og-s-{int(s)}" style="background-color:{TILE_COLOURS[s]}">'
        f"</span>{html.escape(t(STATE_KEYS[s], lang))}</span>" for s in TileState)
    items += (f'<span><span class="og-sw" style="border:3px solid #212121;border-radius:50%;'
              f'background:#fff"></span>{html.escape(t("leader_marked", lang))}</span>')
    solara.HTML(tag="div", unsafe_innerHTML=items, classes=["og-legend"])


def kpi_cards(k: dict[str, float], lang: str) -> list[tuple[str, str]]:
    """(label, value) of the KPI cards."""
    return [
        (t("kpi_complaints", lang), _pct(k["complaints"])),
        (t("kpi_sick", lang), f"{k['sick']:.0f}"),
        (t("kpi_absence", lang), _pct(k["absence"])),
        (t("kpi_engagement", lang), f"{k['engagement']:.2f}"),
        (t("kpi_energy", lang), f"{k['energy']:.2f}"),
        (t("kpi_cost", lang), _eur(k["cost"])),
    ]


def kpi_deltas(b: dict[str, float], a: dict[str, float]) -> list[str]:
    """B - A per KPI card, signed, in the cards' units (percentage points for shares)."""
    def signed(x: float, digits: int) -> str:
        x = round(x, digits) + 0.0  # no "-0.00"
        return f"{x:+.{digits}f}".replace("-", "−")

    d = {key: b[key] - a[key] for key in b}
    euro = f"{'+' if round(d['cost']) >= 0 else '−'}{_eur(abs(d['cost']))}"
    return [f"{signed(100 * d['complaints'], 1)} pp", signed(d["sick"], 0),
            f"{signed(100 * d['absence'], 1)} pp", signed(d["engagement"], 2),
            signed(d["energy"], 2), euro]


@solara.component
def Kpis(workshop: Workshop, label: RunLabel, lang: str, version: int) -> None:
    cards = kpi_cards(workshop.kpis(label), lang)
    ghost = workshop.ghost_kpis() if label is RunLabel.A else None
    deltas, note = [""] * len(cards), ""
    if label is RunLabel.B:
        deltas, note = kpi_deltas(workshop.kpis(label), workshop.kpis(RunLabel.A)), "delta_b"
    elif ghost is not None:  # the event's effect: this run minus the same future without it
        deltas, note = kpi_deltas(workshop.kpis(label), ghost), "delta_ghost"
    # a difference stands small beside its number; one note says what it is
    k = workshop.kpis(label)
    split = t("kpi_cost_split", lang, other=_eur(k["other_turnover"]),
              interventions=_eur(k["interventions"]))
    # the cost card is burn-out only; what is not burn-out is named on hover
    hover = [""] * (len(cards) - 1) + [split]
    body = "".join(
        f'<div class="og-kpi" data-kpi="{i}"'
        + (f' title="{html.escape(tip)}"' if tip else "")
        + f'><div class="v">{html.escape(v)}'
        + (f' <span class="d">{html.escape(d)}</span>' if d else "")
        + f'</div><div class="l">{html.escape(lbl)}</div></div>'
        for i, ((lbl, v), d, tip) in enumerate(zip(cards, deltas, hover, strict=True)))
    if note:
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(t(note, lang)),
                    classes=["og-kpi-note", f"og-kpi-note-{label.value}"])
    solara.HTML(tag="div", unsafe_innerHTML=body, classes=["og-kpis", f"og-kpis-{label.value}"])


def choice_label(choice: InterventionChoice, names: list[str], lang: str) -> str:
    """An intervention with its options, as B's title names it: "Free capacity (freed
    time: recovery · Team 1, Team 3 · from week 4)"."""
    parts = [t("option_" + slot, lang) + ": " + t(f"option_{slot}_{value}", lang)
             for slot, value in choice.options]
    if choice.teams:
        parts.append(", ".join(team_title(i, names[i] if i < len(names) else "", lang)
                               for i in choice.teams))
    parts.append(t("from_week", lang, week=choice.start_week))
    return f"{name_label(choice.name, lang)} ({' · '.join(parts)})"


def run_title(workshop: Workshop, label: RunLabel, lang: str, short: bool = False) -> str:
    """A run's title: A names its scenario, B the scenario plus what B adds (each
    intervention with its options, target teams and start week; ``short``: only their
    names, for the charts' legend)."""
    scenario = name_label(workshop.settings.scenario, lang)
    if label is RunLabel.A:
        return t("run_a_named", lang, scenario=scenario)
    run = workshop.runs[label]
    names = team_names(run.model)
    added = ", ".join(name_label(c.name, lang) if short else choice_label(c, names, lang)
                      for c in run.chosen)
    return t("run_b_named", lang, scenario=scenario, added=added)


def tile_size(n: int, ab: bool, present: bool) -> str:
    """Tile edge for ``n`` positions, as a CSS length: in pixels at 1280x800, growing with
    the screen (a projector at 1920x1080 shows larger tiles); smaller for many people and
    for two runs."""
    if ab:
        tile = 14 if n <= 120 else 10 if n <= 320 else 8 if n <= 700 else 6
    else:
        tile = 24 if n <= 120 else 18 if n <= 320 else 12 if n <= 700 else 9
    tile += (2 if ab else 4) if present else 0
    return f"calc({tile / 12.8:.3f} * min(1vw, 1.6vh))"


@solara.component
def RunPanel(workshop: Workshop, label: RunLabel, lang: str, version: int,
             selected: tuple[str, int] | None, on_select: Callable[[str, int], None],
             present: bool = False, on_team: Callable[[int], None] | None = None) -> None:
    ab = len(workshop.runs) > 1
    model = workshop.runs[label].model
    tile = tile_size(model.workforce.size, ab, present)
    teams = solara.use_memo(lambda: workshop.teams_view(label, hover_text(lang)),
                            [version, lang, label, id(workshop.runs[label])])
    titles = [team_title(i, name, lang) for i, name in enumerate(team_names(model))]
    classes = [f"og-run-{label.value}"] + (["og-run-ab"] if ab else [])
    with solara.Column(gap="2px", classes=classes):
        if ab:
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(run_title(workshop, label, lang)),
                        classes=["og-run-title"])
        with solara.Div(classes=["og-kpis-ab"] if ab else []):
            Kpis(workshop, label, lang, version)
        TeamGrid(teams=teams, titles=titles,
                 selected=selected[1] if selected and selected[0] == label.value else -1,
                 tile_size=tile, columns=6 if model.workforce.size > 700 else 5,
                 event_select=lambda row: on_select(label.value, int(row)),
                 event_select_team=lambda team: on_team(int(team)) if on_team else None)


@solara.component
def PersonPanel(workshop: Workshop, selected: tuple[str, int] | None, lang: str,
                version: int, on_close: Callable[[], None]) -> None:
    if selected is None:
        solara.Text(t("person_none", lang), style={"color": "#666"})
        return
    info = workshop.person(RunLabel(selected[0]), selected[1])
    if info is None:
        solara.Text(t("person_none", lang), style={"color": "#666"})
        return
    names = team_names(workshop.runs[RunLabel(selected[0])].model)
    head = t("person_title", lang, row=info["row"],
             team=team_title(info["team"], names[info["team"]], lang).removeprefix("Team "))
    state = t(STATE_KEYS[info["state"]], lang)
    if info["leader"]:
        state += f" · {t('leader', lang)}"
    rows = [f"<b>{html.escape(head)}</b> ({selected[0]})",
            f"<div>{html.escape(t('status', lang))}: <b>{html.escape(state)}</b></div>"]
    if info["state"] is TileState.VACANT:
        rows.append(html.escape(t("person_vacant", lang)))
    else:
        # model levels 0..1, then the person's scores as a survey would measure them
        shown = [(key, f"{info[key]:.2f}", info[key])
                 for key in ("energy", "engagement", "exhaustion", "personal_resources",
                             "job_resources")]
        shown += [(key, f"{info[key]:.1f}", float(linked(scale).norm.position(info[key])))
                  for key, scale in (("bat_exhaustion", "exhaustion"),
                                     ("uwes_engagement", "engagement"))]
        table = "".join(
            f"<tr><td>{html.escape(t(key, lang))}</td><td><b>{text}</b></td>"
            f'<td><span class="og-bar" style="width:{80 * min(1.0, frac):.0f}px">'
            f"</span></td></tr>"
            for key, text, frac in shown)
        table += (f"<tr><td>{html.escape(t('tenure_weeks', lang))}</td>"
                  f"<td><b>{info['tenure_weeks']}</b></td><td></td></tr>")
        drains = ", ".join(f"{t('drain_' + k, lang)} ({v:.2f})" for k, v in info["drains"])
        givers = ", ".join(f"{t('giver_' + k, lang)} ({v:.2f})" for k, v in info["givers"])
        rows += [f"<table>{table}</table>",
                 f"<div>▼ <b>{html.escape(t('drains', lang))}</b>: {html.escape(drains)}</div>",
                 f"<div>▲ <b>{html.escape(t('givers', lang))}</b>: {html.escape(givers)}</div>"]
    with solara.Card(t("person", lang), classes=["og-person-card"]):
        solara.HTML(tag="div", unsafe_innerHTML="".join(rows), classes=["og-person"])
        solara.Button(t("close", lang), on_click=on_close, text=True, classes=["og-close"])


def event_text(workshop: Workshop, name: str, team: int | None, detail: str,
               lang: str) -> str:
    """An event's line for the message and the logbook, in ``lang``: the event, the team it
    hit (counted from 1 like the tiles, with its name) and what it does."""
    names = team_names(workshop.runs[RunLabel.A].model)
    where = (t("whole_org", lang) if team is None or not 0 <= team < len(names)
             else team_title(team, names[team], lang))
    if lang == Lang.EN and detail:  # the model's own sentence, its "team 1" as on the tiles
        what = TEAM_IN_MESSAGE.sub(
            lambda m: team_title(int(m.group(1)), names[int(m.group(1))], lang)
            if int(m.group(1)) < len(names) else m.group(0), detail)
    else:
        what = t("desc_" + name, lang) if ("desc_" + name) in TEXTS else detail
    return f"⚡ {t('event_in', lang, event=t('event_' + name, lang), where=where)} — {what}"


@solara.component
def Logbook(workshop: Workshop, lang: str, version: int) -> None:
    entries = [e for e in workshop.log if e.kind != "reset"]
    starts = [f"<li><b>▶ {html.escape(t('week_n', lang, week=week))}</b>: "
              f"{html.escape(t('starts', lang, name=name_label(name, lang), run=run.value))}"
              "</li>"
              for run, name, week in sorted(((lb, n, w) for lb, r in workshop.runs.items()
                                             for n, w in r.interventions.items()),
                                            key=lambda x: (x[2], x[1]))]
    if not entries and starts:
        solara.HTML(tag="ul", unsafe_innerHTML="".join(starts), classes=["og-log"])
        return
    if not entries:
        solara.Text(t("log_empty", lang), style={"color": "#666"})
        return
    items = []
    for number, e in reversed(list(enumerate(entries, 1))):
        if e.kind == "event":
            what = event_text(workshop, e.key, e.team, e.detail, lang)
        else:
            what = "↕ " + t("log_lever", lang, lever=t("lever_" + e.key, lang),
                            old=e.detail.split(" → ")[0], new=e.detail.split(" → ")[-1])
        # the number is the label of the entry's marker on the charts
        items.append(f"<li><b>[{number}] {html.escape(t('week_n', lang, week=e.week))}</b>: "
                     f"{html.escape(what)}</li>")
    solara.HTML(tag="ul", unsafe_innerHTML="".join(items + starts), classes=["og-log"])


class Actions:
    """What controls do, bound once per session (so sub-panels keep stable arguments and
    are not re-rendered on every frame). Every handler runs through :meth:`guard`."""

    def __init__(self, workshop: Workshop, set_version: Callable[..., None],
                 set_message: Callable[[Message | None], None],
                 set_playing: Callable[[bool], None],
                 set_selected: Callable[[tuple[str, int] | None], None]) -> None:
        self.workshop = workshop
        self.set_version = set_version
        self.set_message = set_message
        self.set_playing = set_playing
        self.set_selected = set_selected
        self.lang = str(Lang.EN)  #: the page's current language (set on every render)
        #: set by Pause before anything is redrawn: the play loop stops before its next week
        self.stop = threading.Event()
        self.rate = 0.0  #: weeks per second the play loop reached (0: not measured)
        self.until: int | None = None  #: "run until week N": the play loop stops there
        self.show_team: Callable[[int | None], None] = lambda team: None  #: the team panel
        self.set_band_on: Callable[[bool], None] = lambda on: None
        #: the band over several futures: cancelled by a restart or a closed page
        self.band_cancel = threading.Event()
        self.band_progress: tuple[int, int] | None = None  #: (futures done, of n) while busy
        #: the state to save (workshop and view) and how to restore one (set by the page)
        self.state: Callable[[], dict[str, Any]] = workshop.snapshot
        self.restore: Callable[[dict[str, Any]], None] = workshop.replay

    def state_bytes(self) -> bytes:
        """The saved set-up file (JSON; a stable callable for the download button)."""
        return json.dumps(self.state(), indent=1).encode("utf-8")

    def load_file(self, info: Any) -> None:
        """Restore a dropped set-up file (raises AppError for one that cannot be read)."""
        try:
            snapshot = json.loads(bytes(info["data"]).decode("utf-8"))
        except (ValueError, KeyError, TypeError) as exc:
            raise AppError("err_state", detail=str(exc)) from None
        if not isinstance(snapshot, dict):
            raise AppError("err_state", detail="not a saved set-up")
        self.restore(snapshot)

    def bump(self) -> None:
        """Redraw: the workshop changed."""
        self.set_version(lambda v: v + 1)

    def guard(self, fn: Callable[..., Any]) -> Callable[..., None]:
        """``fn`` as a control handler: errors become a message, never a stack trace."""

        def wrapped(*args: Any) -> None:
            try:
                fn(*args)
            except AppError as exc:
                self.set_message(("error", exc.key, exc.fmt))
            except Exception as exc:  # never show a stack trace in the room
                log.exception("app action failed")
                self.set_message(("error", "err_unexpected", {"kind": type(exc).__name__}))
            self.bump()

        return wrapped

    def csv_bytes(self) -> bytes:
        """The run(s) as CSV (a stable callable for the download button)."""
        return self.workshop.csv_bytes()

    def charts_png(self) -> bytes:
        """The current charts as a high-resolution PNG, in the page's language (with the
        band, if there is one for this set-up)."""
        ws = self.workshop
        series, names = chart_series(ws, self.lang)
        band = ws.band_now()
        return charts_png(series, self.lang, ws.markers(), names,
                          horizon=ws.settings.horizon, dpi=160,
                          band=band.runs if band else None)

    def reset(self, pending: Settings) -> None:
        """Restart with the chosen settings (raises AppError for a bad combination)."""
        self.stop.set()
        self.set_playing(False)
        self.workshop.reset(copy_settings(pending))
        self.cancel_band()
        self.set_selected(None)
        self.show_team(None)
        self.set_message(None)

    def request_band(self, n: int = BAND_FUTURES, model_settings: bool = False) -> None:
        """Run the current set-up over ``n`` futures in the background (one thread, bounded
        by :data:`BAND_MAX_SECONDS`); the charts get the band once it is done. With
        ``model_settings`` each future also has its own calibrated parameter set
        (:meth:`Workshop.compute_band`)."""
        self.cancel_band()
        cancel = self.band_cancel = threading.Event()
        self.band_progress = (0, n)
        self.set_band_on(True)

        def progress(done: int, total: int) -> None:
            if not cancel.is_set():
                self.band_progress = (done, total)
                self.bump()

        def work() -> None:
            try:
                self.workshop.compute_band(n, cancel, progress, BAND_MAX_SECONDS,
                                           model_settings)
            except AppError as exc:
                self.set_message(("error", exc.key, exc.fmt))
            except Exception as exc:  # never a stack trace in the room
                log.exception("band failed")
                self.set_message(("error", "band_failed", {"detail": type(exc).__name__}))
            finally:
                if not cancel.is_set():
                    self.band_progress = None
                    self.bump()

        threading.Thread(target=work, name="orgsim-band", daemon=True).start()

    def cancel_band(self) -> None:
        """Stop the band's futures under way (if any)."""
        self.band_cancel.set()
        self.band_progress = None

    def set_lever(self, name: str, value: float) -> None:
        """A slider moved. The browser's slider snaps an off-grid start value (a preset's
        0.22 to 0.20) and reports it: that is no move, so it is not applied or logged."""
        lever = LEVER_BY_NAME[name]
        level = self.workshop.levels[name]
        if is_snap(value, level, lever.lo, lever.step):
            return
        self.workshop.set_lever(name, value)


def chart_series(workshop: Workshop, lang: str
                 ) -> tuple[dict[str, pd.DataFrame], dict[str, str] | None]:
    """The charted series (run label -> weekly metrics; "ghost": the run without the
    event) and their legend names (None for a single line)."""
    series = {lb.value: ts for lb, ts in workshop.timeseries().items()}
    ghost = workshop.ghost_timeseries()
    if ghost is not None and workshop.ghost_event is not None:
        event = t("event_" + workshop.ghost_event.key, lang)
        series["ghost"] = ghost
        return series, {"A": t("run_with", lang, event=event),
                        "ghost": t("run_without", lang, event=event)}
    if len(series) > 1:  # the legend names the interventions; the titles give their options
        return series, {lb.value: run_title(workshop, lb, lang, short=True)
                        for lb in workshop.runs}
    return series, None


def running_text(workshop: Workshop, lang: str) -> str:
    """What runs now: organisation, size, teams, scenario, seed and horizon."""
    s = workshop.settings
    model = workshop.runs[RunLabel.A].model
    return t("running", lang, org=org_label(s.org, lang), n=model.workforce.size,
             teams=model.teams.size, scenario=name_label(s.scenario, lang), seed=s.seed,
             weeks=s.horizon)


@solara.component
def Page(initial: Settings | None = None) -> None:
    """The whole workshop app (one per browser session; ``initial`` is for tests)."""
    quiet_mesa()
    workshop, first_message = solara.use_memo(lambda: start_workshop(initial), [])
    version, set_version = solara.use_state(0)
    lang, set_lang = solara.use_state(str(Lang.EN))
    playing, set_playing = solara.use_state(False)
    speed, set_speed = solara.use_state(4)
    present, set_present = solara.use_state(False)
    text_size, set_text_size = solara.use_state("normal")
    panels, set_panels = solara.use_state(DEFAULT_PANELS)
    message, set_message = solara.use_state(first_message)
    selected, set_selected = solara.use_state(cast(tuple[str, int] | None, None))
    first = solara.use_memo(lambda: copy_settings(workshop.settings), [])
    pending, set_pending = solara.use_state(first)
    restored, set_restored = solara.use_state(False)  # the address's state was read
    act, set_act = solara.use_state(cast(str | None, None))  # the guided act shown
    until_week, set_until_week = solara.use_state(52)  # "run until week N"
    team_shown, set_team_shown = solara.use_state(cast(int | None, None))  # the team panel
    band_on, set_band_on = solara.use_state(True)  # show the band (when there is one)

    drawn = solara.use_memo(threading.Event, [])  # set when a render of the page completes
    actions = solara.use_memo(
        lambda: Actions(workshop, set_version, set_message, set_playing, set_selected), [])
    bump, guard = actions.bump, actions.guard
    actions.lang = lang
    actions.show_team = set_team_shown
    actions.set_band_on = set_band_on
    # a closed page stops its band's futures
    solara.use_effect(lambda: actions.cancel_band, [])

    def do_step() -> None:
        if workshop.step(1) == 0:
            set_message(("info", "msg_horizon", {"week": workshop.week}))

    def toggle_play() -> None:
        if playing:
            actions.stop.set()  # at once: the loop does not start another week
            set_playing(False)
            return
        if workshop.at_end:
            set_message(("info", "msg_horizon", {"week": workshop.week}))
            return
        actions.until = None
        actions.stop.clear()
        set_playing(True)

    def run_until() -> None:
        """Play at the chosen speed and stop at week ``until`` (the header's field)."""
        target = until_week
        if not workshop.week < target <= workshop.settings.horizon:
            raise AppError("err_until", week=target, now=workshop.week,
                           horizon=workshop.settings.horizon)
        actions.until = target
        actions.stop.clear()
        set_playing(True)

    def view() -> dict[str, Any]:
        return {"lang": lang, "present": present, "speed": speed, "panels": list(panels),
                "act": act, "text": text_size}

    def restore(snapshot: dict[str, Any]) -> None:
        """Rebuild the workshop and the view from a saved state (the address or a file)."""
        actions.stop.set()
        actions.cancel_band()
        set_playing(False)
        workshop.replay(snapshot)
        shown = snapshot.get("view") or {}
        if shown.get("lang") in [str(x) for x in Lang]:
            set_lang(str(shown["lang"]))
        set_present(bool(shown.get("present", False)))
        set_text_size(shown["text"] if shown.get("text") in TEXT_SIZES else "normal")
        if shown.get("speed") in SPEEDS:
            set_speed(int(shown["speed"]))
        chosen = tuple(int(i) for i in shown.get("panels", DEFAULT_PANELS)
                       if 0 <= int(i) < len(PANELS))
        set_panels(chosen[:3] or DEFAULT_PANELS)
        set_act(shown.get("act") if shown.get("act") in ACT_BY_KEY else None)
        set_pending(copy_settings(workshop.settings))
        set_selected(None)
        set_team_shown(None)
        set_message(None)

    def on_loaded(text: str) -> None:
        try:
            if text:
                restore(snapshot_from_text(text))
        finally:
            set_restored(True)

    def start_act(key: str) -> None:
        """Set up guided act ``key`` on the organisation that runs now."""
        n_teams = workshop.runs[RunLabel.A].model.teams.size
        restore({**act_snapshot(ACT_BY_KEY[key], workshop.settings, n_teams),
                 "view": {**view(), "act": key}})

    actions.state = lambda: {**workshop.snapshot(), "view": view()}
    actions.restore = restore

    def on_key(key: str) -> None:
        if key == "space":
            guard(toggle_play)()
        elif key == "f":
            set_present(lambda p: not p)

    def play_loop(cancel: threading.Event) -> None:
        """One week per frame, every week drawn before the next (so a pause stops within
        a week), paced to ``speed`` weeks per second."""
        if not playing:
            return
        actions.rate = 0.0
        started, weeks = time.perf_counter(), 0
        while not (cancel.is_set() or actions.stop.is_set()):
            start = time.perf_counter()
            try:
                done = workshop.step(1)
            except Exception:  # keep the room going; report once
                log.exception("step failed while playing")
                set_message(("error", "err_unexpected", {"kind": "step"}))
                set_playing(False)
                return
            weeks += done
            elapsed = time.perf_counter() - started
            actions.rate = weeks / elapsed if elapsed > 0 and weeks >= 4 else 0.0
            drawn.clear()
            bump()
            while not drawn.wait(0.05):
                if cancel.is_set() or actions.stop.is_set():
                    return
            if done == 0 or workshop.at_end:
                set_message(("info", "msg_horizon", {"week": workshop.week}))
                set_playing(False)
                return
            if actions.until is not None and workshop.week >= actions.until:
                actions.until = None
                set_message(("info", "msg_until", {"week": workshop.week}))
                set_playing(False)
                return
            actions.stop.wait(max(0.0, 1.0 / speed - (time.perf_counter() - start)))

    solara.use_thread(play_loop, dependencies=[playing, speed], intrusive_cancel=False)

    labels = list(workshop.runs)
    series, run_names = chart_series(workshop, lang)
    board = solara.use_memo(
        lambda: ChartBoard(lang, list(series), run_names, workshop.settings.horizon,
                           panels=tuple(panels), columns=1),
        [lang, id(workshop.runs[RunLabel.A]), tuple(panels), id(workshop.ghost)])
    band = workshop.band_now() if band_on else None
    png = solara.use_memo(lambda: board.render(series, workshop.markers(),
                                               band.runs if band else None),
                          [version, board, id(band)])

    solara.Style(CSS)
    solara.Title(t("title", lang))
    Keys(event_key=on_key)
    UrlState(state=snapshot_text(actions.state()) if restored else "",
             event_loaded=guard(on_loaded))
    with solara.Column(gap="0px", classes=["og-app", f"og-text-{text_size}"]
                       + (["og-present"] if present else [])):
        with solara.Row(gap="6px", classes=["og-header"]):
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("title", lang)),
                        classes=["og-title"])
            solara.v.Spacer()
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("week_n", lang,
                                                                   week=workshop.week)),
                        classes=["og-week"])
            solara.Button(t("pause", lang) if playing else t("play", lang),
                          icon_name="mdi-pause" if playing else "mdi-play",
                          on_click=guard(toggle_play), color="warning" if playing else "white",
                          classes=["og-play"])
            solara.Button(t("step", lang), icon_name="mdi-skip-next",
                          on_click=guard(do_step), disabled=playing, classes=["og-step"])
            solara.Button(t("reset", lang), icon_name="mdi-restart",
                          on_click=guard(lambda: actions.reset(pending)), classes=["og-reset"])
            with solara.Column(gap="0px", classes=["og-speed"]):
                solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("speed", lang)),
                            classes=["og-speed-now"])
                solara.ToggleButtonsSingle(value=speed, values=SPEEDS, on_value=set_speed,
                                           dense=True)
            solara.Button(t("present", lang), icon_name="mdi-projector-screen",
                          on_click=lambda: set_present(not present),
                          classes=["og-present-btn"], outlined=not present)
            solara.ToggleButtonsSingle(value=lang, values=[str(x) for x in Lang],
                                       on_value=set_lang, classes=["og-lang"], dense=True)

        with solara.Div(classes=["og-body"]):
            if not present:
                with solara.Column(gap="6px", classes=["og-drawer"]):
                    PlayViewPanel(lang, until_week, set_until_week, guard(run_until),
                                  playing, text_size, set_text_size)
                    ActsPanel(lang, actions.guard(start_act))
                    EventsPanel(workshop, lang, actions)
                    LeversPanel(workshop, lang, tuple(workshop.levels.values()), actions)
                    ChartsChoice(panels, set_panels, lang)
                    SetupPanel(pending, set_pending, lang, actions)

            # ------------------------------------------------------------ main area
            with solara.Column(gap="4px", classes=["og-main"]):
                with solara.Div(classes=["og-stage"]):
                    with solara.Column(gap="4px", style={"flex": "1 1 0", "min-width": "0"}):
                        running = running_text(workshop, lang)
                        if playing and 0 < actions.rate < 0.9 * speed:
                            running += " · " + t("speed_now", lang, rate=f"{actions.rate:.1f}")
                        solara.HTML(tag="div", unsafe_innerHTML=html.escape(running),
                                    classes=["og-running"])
                        if act is not None:
                            ActCard(act, lang, lambda: set_act(None))
                        if message is not None:
                            kind, key, fmt = message
                            if kind == "event":
                                text = event_text(workshop, key, fmt.get("team"),
                                                  fmt.get("detail", ""), lang)
                            else:
                                text = t(key, lang, **fmt)
                            {"error": solara.Error, "info": solara.Info,
                             "event": solara.Warning}[kind](
                                text, classes=["og-message", f"og-message-{kind}"], dense=True)
                        with solara.Div(classes=["og-runs"]):
                            for lb in labels:
                                with solara.Column(style={"flex": "1 1 0", "min-width": "0"}):
                                    RunPanel(workshop, lb, lang, version, selected,
                                             lambda run, row: set_selected((run, row)),
                                             present, actions.show_team)
                        Legend(lang)
                        BandControl(workshop, lang, version, band_on, actions)
                        if team_shown is not None:
                            TeamPanel(workshop, team_shown, lang, version,
                                      lambda: actions.show_team(None))
                        solara.Text(t("click_hint", lang) + " " + t("team_hint", lang) + " "
                                    + t("keys_hint", lang), classes=["og-small"])
                    with solara.Div(classes=["og-chart-col"]):
                        solara.Image(png, format="png", classes=["og-charts"])
                if selected is not None:
                    PersonPanel(workshop, selected, lang, version, lambda: set_selected(None))
                with solara.Row(gap="12px", style={"align-items": "center", "flex-wrap": "wrap"}):
                    solara.Text(t("export", lang) + ":")
                    # stable callables and file names: a re-render (a frame while playing)
                    # must not reset a download under way
                    solara.FileDownload(actions.charts_png, filename="orgsim-charts.png",
                                        label=t("export_png", lang), mime_type="image/png")
                    solara.FileDownload(actions.csv_bytes, filename="orgsim-run.csv",
                                        label=t("export_csv", lang), mime_type="text/csv")
                with solara.Details(t("log", lang), expand=True):
                    Logbook(workshop, lang, version)
                solara.Text(t("footer", lang), style={"font-size": "12px", "color": "#666"})
    solara.use_effect(drawn.set, None)  # effects run once the whole page is rendered


@solara.component
def BandControl(workshop: Workshop, lang: str, version: int, band_on: bool,
                actions: Actions) -> None:
    """Ask for the band over several futures; its progress (cancellable) and its note."""
    busy = actions.band_progress
    band = workshop.band_now()
    with solara.Row(gap="8px", classes=["og-band"], style={"align-items": "center",
                                                            "flex-wrap": "wrap"}):
        if busy is not None:
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(
                t("band_busy", lang, done=busy[0], n=busy[1])), classes=["og-band-busy"])
            solara.Button(t("band_cancel", lang), on_click=actions.guard(actions.cancel_band),
                          small=True, text=True, classes=["og-band-cancel"])
        elif band is not None and band_on:
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(t(
                "band_note" if band.sets is None else "band_note_params", lang, n=band.n,
                first=band.seed, last=band.seed + band.n - 1)), classes=["og-band-note"])
            solara.Button(t("band_hide", lang), on_click=lambda: actions.set_band_on(False),
                          small=True, text=True, classes=["og-band-hide"])
        else:
            solara.Button(t("band_ask", lang, n=BAND_FUTURES), icon_name="mdi-chart-bell-curve",
                          on_click=actions.guard(
                              lambda: actions.set_band_on(True) if band is not None
                              else actions.request_band()),
                          small=True, outlined=True, classes=["og-band-ask"])
            solara.Button(t("band_ask_params", lang), icon_name="mdi-tune-variant",
                          on_click=actions.guard(
                              lambda: actions.request_band(model_settings=True)),
                          small=True, outlined=True, classes=["og-band-ask-params"])


@solara.component
def TeamPanel(workshop: Workshop, team: int, lang: str, version: int,
              on_close: Callable[[], None]) -> None:
    """One team over the weeks: its mean load against the rest of the organisation and
    its people on burn-out sick leave (the same team without the event, dotted)."""
    def draw() -> bytes | None:
        names = team_names(workshop.runs[RunLabel.A].model)
        series = workshop.team_series(team)
        if series is None or not 0 <= team < len(names):
            return None
        title = t("team_panel", lang, team=team_title(team, names[team], lang))
        return team_png(series, workshop.team_series(team, "ghost"), lang, title,
                        workshop.settings.horizon)

    png = solara.use_memo(draw, [version, team, lang, id(workshop.runs[RunLabel.A])])
    if png is None:
        return
    with solara.Row(gap="4px", classes=["og-team-panel"], style={"align-items": "flex-start"}):
        solara.Image(png, format="png", classes=["og-team-chart"])
        solara.Button(icon_name="mdi-close", on_click=on_close, icon=True, small=True,
                      classes=["og-team-close"])


@solara.component
def PlayViewPanel(lang: str, until_week: int, set_until_week: Callable[[int], None],
                  run_until: Callable[[], None], playing: bool, text_size: str,
                  set_text_size: Callable[[str], None]) -> None:
    """Precise play (run until week N) and the text size."""
    with solara.Details(t("play_view", lang), expand=True), \
            solara.Column(gap="2px", classes=["og-play-view"]):
        with solara.Row(gap="6px", classes=["og-until"], style={"align-items": "center"}):
            solara.InputInt(t("until_week", lang), value=until_week,
                            on_value=lambda v: set_until_week(int(v)), dense=True,
                            continuous_update=True,
                            classes=["og-until-week"], style={"max-width": "110px"})
            solara.Button(t("run_until", lang), icon_name="mdi-debug-step-over",
                          on_click=run_until, disabled=playing, classes=["og-until-go"],
                          outlined=True, small=True)
        with solara.Row(gap="6px", classes=["og-text-size"], style={"align-items": "center"}):
            solara.Text(t("text_size", lang) + ":")
            names = [t("text_" + size, lang) for size in TEXT_SIZES]
            solara.ToggleButtonsSingle(
                value=names[TEXT_SIZES.index(text_size)], values=names, dense=True,
                on_value=lambda v: set_text_size(TEXT_SIZES[names.index(v)]))


@solara.component
def ActsPanel(lang: str, on_act: Callable[[str], None]) -> None:
    """The guided acts (orgsim.app.acts): one button each."""
    with solara.Details(t("acts", lang), expand=True), \
            solara.Column(gap="4px", classes=["og-acts"]):
        solara.Text(t("acts_help", lang), classes=["og-small"])
        for n, item in enumerate(ACTS, 1):
            solara.Button(t("act_n", lang, n=n, title=t("act_" + item.key, lang)),
                          on_click=lambda key=item.key: on_act(key), outlined=True, small=True,
                          classes=["og-act-button", f"og-act-{item.key}"],
                          style={"justify-content": "flex-start"})


@solara.component
def ActCard(key: str, lang: str, on_close: Callable[[], None]) -> None:
    """The act's title, talking point and question for the room, above the teams."""
    n = [item.key for item in ACTS].index(key) + 1
    title = t("act_n", lang, n=n, title=t("act_" + key, lang))
    body = (f'<div class="og-act-title">{html.escape(title)}</div>'
            f'<div>{html.escape(t("act_" + key + "_point", lang))}</div>'
            f'<div class="og-act-q"><b>{html.escape(t("act_question", lang))}:</b> '
            f'{html.escape(t("act_" + key + "_question", lang))}</div>')
    with solara.Row(gap="4px", classes=["og-act"], style={"align-items": "flex-start"}):
        solara.HTML(tag="div", unsafe_innerHTML=body, style={"flex": "1 1 auto"})
        solara.Button(icon_name="mdi-close", on_click=on_close, icon=True, small=True,
                      classes=["og-act-close"])


@solara.component
def ChartsChoice(panels: tuple[int, ...], set_panels: Callable[[tuple[int, ...]], None],
                 lang: str) -> None:
    """Which charts stand beside the teams (up to three)."""
    with solara.Details(t("charts_shown", lang), expand=False), \
            solara.Column(gap="0px", classes=["og-chart-choice"]):
        for i, (key, _column) in enumerate(PANELS):
            def toggle(on: bool, i: int = i) -> None:
                chosen = [p for p in panels if p != i] + ([i] if on else [])
                if 1 <= len(chosen) <= 3:
                    set_panels(tuple(sorted(chosen, key=list(range(len(PANELS))).index)))

            solara.Checkbox(label=t(key, lang), value=i in panels, on_value=toggle,
                            disabled=i not in panels and len(panels) >= 3)


@solara.component
def EventsPanel(workshop: Workshop, lang: str, actions: Actions) -> None:
    """Buttons that fire live events, and the team they hit (teams count from 1)."""
    team, set_team = solara.use_state(-1)
    ghost, set_ghost = solara.use_state(True)
    names = team_names(workshop.runs[RunLabel.A].model)
    single = len(workshop.runs) == 1

    def fire(name: str) -> None:
        text = workshop.fire(name, None if team < 0 else team, ghost=ghost and single)
        hit = workshop.log[-1].team
        actions.set_message(("event", name, {"detail": text, "team": hit}))
        if hit is not None:  # the domino: that team's load and sick leave
            actions.show_team(hit)

    with solara.Details(t("events", lang), expand=True), \
            solara.Column(gap="4px", classes=["og-events"]):
        if event_function() is None:
            solara.Warning(t("event_unavailable", lang))
            return
        solara.Text(t("event_help", lang), classes=["og-small"])
        whole = t("event_whole_org", lang)
        choices = [whole] + [team_title(i, n, lang) for i, n in enumerate(names)]
        current = choices[team + 1] if -1 <= team < len(names) else whole
        solara.Select(t("event_team", lang), values=choices, value=current,
                      on_value=lambda v: set_team(choices.index(v) - 1),
                      classes=["og-event-team"])
        if single and workshop.ghost is None:
            with solara.Div(classes=["og-ghost"]):
                solara.Checkbox(label=t("ghost_option", lang), value=ghost,
                                on_value=set_ghost)
        with solara.Row(gap="6px", style={"flex-wrap": "wrap"}):
            for name in event_names():
                solara.Button(t("event_" + name, lang), icon_name="mdi-flash",
                              on_click=actions.guard(lambda n=name: fire(n)), outlined=True,
                              small=True, classes=["og-event", f"og-event-{name}"])


@solara.component
def LeversPanel(workshop: Workshop, lang: str, levels: tuple[float, ...],
                actions: Actions) -> None:
    """Live sliders for demands, resources and leadership (see controller.LEVERS); each
    label shows the value with its unit."""
    with solara.Details(t("levers", lang), expand=True):
        solara.Text(t("levers_help", lang), classes=["og-small"])
        for group in ("demands", "resources", "leadership"):
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("group_" + group, lang)),
                        style="font-weight: 600; margin-top: 6px")
            for lever in (lv for lv in LEVERS if lv.group == group):
                value = workshop.levels[lever.name]
                text = f"{t('lever_' + lever.name, lang)}: {unit_text(lever.name, value, lang)}"
                with solara.Div(classes=["og-lever", f"og-lever-{lever.name}"]):
                    # the text above the track, so every track starts at the same x
                    solara.HTML(tag="div", unsafe_innerHTML=html.escape(text),
                                classes=["og-lever-text"])
                    solara.SliderFloat(
                        text, value=value, min=lever.lo, max=lever.hi, step=lever.step,
                        on_value=actions.guard(
                            lambda v, n=lever.name: actions.set_lever(n, v)))


@solara.component
def InterventionOptions(name: str, pending: Settings, update: Callable[..., None],
                        team_choices: list[str], lang: str) -> None:
    """An intervention's options for the next restart: its choice options (where free
    capacity's freed time goes) and the teams it targets (none chosen: all teams)."""
    info = intervention_info(name)
    opts = pending.options.get(name, {})

    def set_option(slot: str, value: Any) -> None:
        chosen = {**opts, slot: value}
        if slot == "teams" and not value:
            chosen.pop("teams")
        update(options={**pending.options, name: chosen})

    with solara.Column(gap="0px", classes=["og-options", f"og-options-{name}"],
                       style={"margin-left": "32px"}):
        for slot, values in info.choices.items():
            shown = [t(f"option_{slot}_{v}", lang) for v in values]
            now = str(opts.get(slot, info.defaults[slot]))

            def choose(text: str, slot: str = slot, values: tuple[str, ...] = values,
                       shown: list[str] = shown) -> None:
                set_option(slot, values[shown.index(text)])

            solara.Select(t("option_" + slot, lang), values=shown,
                          value=shown[values.index(now)] if now in values else shown[0],
                          on_value=choose, classes=[f"og-option-{slot}"], dense=True)
        if info.per_team and team_choices:
            picked = [team_choices[i] for i in opts.get("teams", []) if i < len(team_choices)]
            solara.SelectMultiple(t("option_teams", lang), values=picked,
                                  all_values=team_choices, dense=True,
                                  on_value=lambda v: set_option(
                                      "teams", sorted(team_choices.index(x) for x in v)),
                                  classes=["og-option-teams"])


@solara.component
def SetupPanel(pending: Settings, set_pending: Callable[[Settings], None], lang: str,
               actions: Actions) -> None:
    """Scenario, seed, size, horizon, interventions and A/B: applied by a restart."""
    def update(**changes: Any) -> None:
        set_pending(Settings(**{**pending.__dict__, **changes}))

    def choose_org(name: str) -> None:
        update(org=name, n_employees=org_size(name))

    scenarios = available_scenarios()
    labels = [name_label(s, lang) for s in scenarios]
    current = name_label(pending.scenario, lang)
    interventions = available_interventions()
    orgs = available_orgs()
    org_labels = [org_label(o, str(lang)) for o in orgs]
    org_now = org_label(pending.org, str(lang))
    teams = org_team_names(pending.org) if pending.org in orgs else []
    try:
        org_teams_now = org_teams(pending.org, None if teams else pending.n_employees)
    except ConfigError:  # a size outside the range: the restart says so
        org_teams_now = []
    team_choices = [team_title(i, n, lang) for i, n in enumerate(org_teams_now)]
    with solara.Details(t("setup", lang), expand=False), \
            solara.Column(gap="2px", classes=["og-setup"]):
        solara.Select(t("org", lang), values=org_labels,
                      value=org_now if org_now in org_labels else org_labels[0],
                      on_value=lambda v: choose_org(orgs[org_labels.index(v)]),
                      classes=["og-org"])
        solara.Select(t("scenario", lang), values=labels,
                      value=current if current in labels else labels[0],
                      on_value=lambda v: update(scenario=scenarios[labels.index(v)]),
                      classes=["og-scenario"])
        solara.InputInt(t("seed", lang), value=pending.seed,
                        on_value=lambda v: update(seed=int(v)), classes=["og-seed"])
        if teams:
            size = org_size(pending.org)
            solara.Text(t("size_fixed", lang, n=size, teams=len(teams)),
                        classes=["og-small", "og-size-fixed"])
        else:
            solara.InputInt(f"{t('n_employees', lang)} ({SIZE_RANGE[0]}–{SIZE_RANGE[1]} "
                            f"{t('unit_people', lang)})", value=pending.n_employees,
                            on_value=lambda v: update(n_employees=int(v)),
                            classes=["og-size"])
        solara.SliderInt(f"{t('horizon', lang)}: {pending.horizon} {t('unit_weeks', lang)}",
                         value=pending.horizon, min=26, max=520, step=26,
                         on_value=lambda v: update(horizon=int(v)))
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("interventions", lang)),
                    style="font-weight: 600; margin-top: 6px")
        if not interventions:
            solara.Text(t("no_interventions", lang), classes=["og-small"])
        for name in interventions:
            on = name in pending.interventions

            def toggle(value: bool, name: str = name) -> None:
                chosen = dict(pending.interventions)
                if value:
                    chosen[name] = chosen.get(name, 0)
                else:
                    chosen.pop(name, None)
                update(interventions=chosen)

            def set_week(week: int, name: str = name) -> None:
                update(interventions={**pending.interventions, name: int(week)})

            with solara.Row(gap="4px", style={"align-items": "center"},
                            classes=[f"og-intervention-{name}"]):
                solara.Checkbox(label=name_label(name, lang), value=on, on_value=toggle)
                if on:
                    solara.InputInt(t("start_week", lang),
                                    value=pending.interventions[name],
                                    on_value=set_week, dense=True,
                                    style={"max-width": "90px"})
            if on:
                InterventionOptions(name, pending, update, team_choices, lang)
        solara.Checkbox(label=t("ab_mode", lang), value=pending.ab,
                        on_value=lambda v: update(ab=v))
        solara.Text(t("ab_help", lang), classes=["og-small"])
        solara.Button(t("apply_reset", lang),
                      on_click=actions.guard(lambda: actions.reset(pending)),
                      color="primary", classes=["og-apply"])
        solara.Text(t("state_hint", lang), classes=["og-small"])
        solara.FileDownload(actions.state_bytes, filename="orgsim-setup.json",
                            label=t("save", lang), mime_type="application/json")
        solara.FileDrop(label=t("load", lang), on_file=actions.guard(actions.load_file),
                        lazy=False)
