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
import solara

from orgsim.app.controller import (
    LEVERS,
    TILE_COLOURS,
    AppError,
    RunLabel,
    Settings,
    TileState,
    Workshop,
)
from orgsim.app.i18n import Lang, name_label, t
from orgsim.app.plots import ChartBoard, charts_png
from orgsim.app.serve import OVERRIDES_ENV
from orgsim.app.sources import (
    available_interventions,
    available_orgs,
    available_scenarios,
    event_function,
    event_names,
    org_label,
    org_size,
)
from orgsim.logs import quiet_mesa
from orgsim.model import OrgModel
from orgsim.scales import linked
from orgsim.state import Role

log = logging.getLogger("orgsim.app")

#: Seconds between frames while playing (weeks per frame = speed x this).
FRAME_SECONDS = 0.5
SPEEDS = [1, 2, 4, 8, 16]
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
.og-header { background: #1565c0; color: #fff; padding: 8px 16px; }
.og-title { font-size: 24px; font-weight: 600; }
.og-subtitle { font-size: 13px; opacity: 0.9; margin-left: 16px; }
.og-lang-label { font-size: 13px; margin-right: 6px; }
.og-sidebar { width: 340px; min-width: 300px; flex: 0 0 340px; padding: 10px 12px;
              border-right: 1px solid #e0e0e0; background: #fcfcfc; }
.og-main { flex: 1 1 auto; min-width: 0; padding: 10px 16px; }
.og-kpis { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0 8px; }
.og-kpi { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 6px 12px;
          min-width: 118px; }
.og-kpi .v { font-size: 26px; font-weight: 600; line-height: 1.15; }
.og-kpi .l { font-size: 12px; color: #555; }
.og-kpi .s { font-size: 11px; color: #777; }
.og-run-title { font-size: 18px; font-weight: 600; margin: 4px 0; }
.og-legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; margin: 6px 0; }
.og-legend span.sw { display: inline-block; width: 14px; height: 14px; border-radius: 3px;
                     vertical-align: -2px; margin-right: 5px; }
.og-person table { border-collapse: collapse; font-size: 14px; }
.og-person td { padding: 2px 10px 2px 0; }
.og-bar { display: inline-block; height: 10px; background: #1565c0; border-radius: 2px; }
.og-log { font-size: 13px; max-height: 160px; overflow-y: auto; }
.og-week { font-size: 30px; font-weight: 700; }
"""


def default_settings() -> Settings:
    """Settings of a new session: defaults plus the overrides given to ``orgsim app``."""
    raw = os.environ.get(OVERRIDES_ENV, "")
    try:
        overrides = tuple(str(x) for x in json.loads(raw)) if raw else ()
    except (ValueError, TypeError):
        log.warning("ignoring malformed %s=%r", OVERRIDES_ENV, raw)
        overrides = ()
    return Settings(overrides=overrides)


def copy_settings(s: Settings) -> Settings:
    """An independent copy (the dict of interventions included)."""
    return dataclasses.replace(s, interventions=dict(s.interventions))


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _eur(x: float) -> str:
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
def TeamGrid(teams: list[dict[str, Any]], team_label: str, selected: int, tile_size: int,
             columns: int, event_select: Callable[[int], None]) -> None:
    """Teams as groups of coloured tiles (Vue template: hover shows a summary, click selects)."""


@solara.component
def Legend(lang: str) -> None:
    items = "".join(
        f'<span><span class="sw" style="background:{TILE_COLOURS[s]}"></span>'
        f"{html.escape(t(STATE_KEYS[s], lang))}</span>" for s in TileState)
    items += (f'<span><span class="sw" style="border:3px solid #212121;border-radius:50%;'
              f'background:#fff"></span>{html.escape(t("leader_marked", lang))}</span>')
    solara.HTML(tag="div", unsafe_innerHTML=items, classes=["og-legend"])


@solara.component
def Kpis(workshop: Workshop, label: RunLabel, lang: str, version: int) -> None:
    k = workshop.kpis(label)
    cards = [
        (t("kpi_complaints", lang), _pct(k["complaints"]), ""),
        (t("kpi_sick", lang), f"{k['sick']:.0f}", ""),
        (t("kpi_absence", lang), _pct(k["absence"]), ""),
        (t("kpi_engagement", lang), f"{k['engagement']:.2f}", ""),
        (t("kpi_energy", lang), f"{k['energy']:.2f}", ""),
        (t("kpi_cost", lang), _eur(k["cost"]), ""),
    ]
    body = "".join(
        f'<div class="og-kpi" data-kpi="{i}"><div class="v">{html.escape(v)}</div>'
        f'<div class="l">{html.escape(lbl)}</div></div>' for i, (lbl, v, _) in enumerate(cards))
    solara.HTML(tag="div", unsafe_innerHTML=body, classes=["og-kpis", f"og-kpis-{label.value}"])


@solara.component
def RunPanel(workshop: Workshop, label: RunLabel, lang: str, version: int,
             selected: tuple[str, int] | None, on_select: Callable[[str, int], None]) -> None:
    ab = len(workshop.runs) > 1
    title = (t("run_a", lang) if label is RunLabel.A else t("run_b", lang)) if ab else None
    n = workshop.runs[label].model.workforce.size
    tile = 26 if n <= 120 else 20 if n <= 320 else 14 if n <= 700 else 10
    if ab:
        tile = max(8, tile - 6)
    teams = solara.use_memo(lambda: workshop.teams_view(label, hover_text(lang)),
                            [version, lang, label, id(workshop.runs[label])])
    with solara.Column(gap="4px", classes=[f"og-run-{label.value}"]):
        if title:
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(title), classes=["og-run-title"])
        Kpis(workshop, label, lang, version)
        TeamGrid(teams=teams, team_label=t("team_n", lang, n="").strip(),
                 selected=selected[1] if selected and selected[0] == label.value else -1,
                 tile_size=tile, columns=5 if tile >= 14 else 6,
                 event_select=lambda row: on_select(label.value, int(row)))


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
    head = t("person_title", lang, row=info["row"], team=info["team"] + 1)
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


@solara.component
def Logbook(workshop: Workshop, lang: str, version: int) -> None:
    entries = [e for e in workshop.log if e.kind != "reset"]
    if not entries:
        solara.Text(t("log_empty", lang), style={"color": "#666"})
        return
    items = []
    for e in reversed(entries):
        if e.kind == "event":
            detail = e.detail if lang == Lang.EN else t("desc_" + e.key, lang)
            what = f"⚡ {t('event_' + e.key, lang)}" + (f" — {detail}" if detail else "")
        else:
            what = "↕ " + t("log_lever", lang, lever=t("lever_" + e.key, lang),
                            old=e.detail.split(" → ")[0], new=e.detail.split(" → ")[-1])
        items.append(f"<li><b>{html.escape(t('week_n', lang, week=e.week))}</b>: "
                     f"{html.escape(what)}</li>")
    solara.HTML(tag="ul", unsafe_innerHTML="".join(items), classes=["og-log"])


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
        """The current charts as a high-resolution PNG, in the page's language."""
        ws = self.workshop
        series = {lb.value: ts for lb, ts in ws.timeseries().items()}
        names = ({"A": t("run_a", self.lang), "B": t("run_b", self.lang)}
                 if len(series) > 1 else None)
        return charts_png(series, self.lang, ws.event_weeks(), names,
                          horizon=ws.settings.horizon, dpi=160)

    def reset(self, pending: Settings) -> None:
        """Restart with the chosen settings (raises AppError for a bad combination)."""
        self.set_playing(False)
        self.workshop.reset(copy_settings(pending))
        self.set_selected(None)
        self.set_message(None)


@solara.component
def Page(initial: Settings | None = None) -> None:
    """The whole workshop app (one per browser session; ``initial`` is for tests)."""
    quiet_mesa()
    workshop = solara.use_memo(lambda: Workshop(initial or default_settings()), [])
    version, set_version = solara.use_state(0)
    lang, set_lang = solara.use_state(str(Lang.EN))
    playing, set_playing = solara.use_state(False)
    speed, set_speed = solara.use_state(4)
    message, set_message = solara.use_state(cast(Message | None, None))
    selected, set_selected = solara.use_state(cast(tuple[str, int] | None, None))
    first = solara.use_memo(lambda: copy_settings(workshop.settings), [])
    pending, set_pending = solara.use_state(first)

    drawn = solara.use_memo(threading.Event, [])  # set when a render of the page completes
    actions = solara.use_memo(
        lambda: Actions(workshop, set_version, set_message, set_playing, set_selected), [])
    bump, guard = actions.bump, actions.guard
    actions.lang = lang

    def do_step() -> None:
        if workshop.step(1) == 0:
            set_message(("info", "msg_horizon", {"week": workshop.week}))

    def toggle_play() -> None:
        if not playing and workshop.at_end:
            set_message(("info", "msg_horizon", {"week": workshop.week}))
            return
        set_playing(not playing)

    def play_loop(cancel: threading.Event) -> None:
        if not playing:
            return
        while not cancel.is_set():
            start = time.perf_counter()
            try:
                done = workshop.step(max(1, round(speed * FRAME_SECONDS)))
            except Exception:  # keep the room going; report once
                log.exception("step failed while playing")
                set_message(("error", "err_unexpected", {"kind": "step"}))
                set_playing(False)
                return
            # draw this frame before stepping on: the room sees every frame, and clicks
            # (pause!) are handled between frames instead of queueing behind renders
            drawn.clear()
            bump()
            while not drawn.wait(0.1):
                if cancel.is_set():
                    return
            if done == 0 or workshop.at_end:
                set_message(("info", "msg_horizon", {"week": workshop.week}))
                set_playing(False)
                return
            cancel.wait(max(0.05, FRAME_SECONDS - (time.perf_counter() - start)))

    solara.use_thread(play_loop, dependencies=[playing, speed], intrusive_cancel=False)

    labels = list(workshop.runs)
    series = {lb.value: ts for lb, ts in workshop.timeseries().items()}
    run_names = ({"A": t("run_a", lang), "B": t("run_b", lang)} if len(labels) > 1 else None)
    board = solara.use_memo(
        lambda: ChartBoard(lang, [lb.value for lb in labels], run_names,
                           workshop.settings.horizon),
        [lang, id(workshop.runs[RunLabel.A])])
    png = solara.use_memo(lambda: board.render(series, workshop.event_weeks()),
                          [version, board])

    solara.Style(CSS)
    solara.Title(t("title", lang))
    with solara.Row(classes=["og-header"], style={"align-items": "center"}):
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("title", lang)),
                    classes=["og-title"])
        solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("subtitle", lang)),
                    classes=["og-subtitle"])
        solara.v.Spacer()
        solara.HTML(tag="span", unsafe_innerHTML=html.escape(t("language", lang)),
                    classes=["og-lang-label"])
        solara.ToggleButtonsSingle(value=lang, values=[str(x) for x in Lang],
                                   on_value=set_lang, classes=["og-lang"])

    with solara.Row(gap="0px", style={"align-items": "flex-start", "flex-wrap": "nowrap"}):
        with solara.Column(gap="6px", classes=["og-sidebar"]):
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("week_n", lang,
                                                                   week=workshop.week)),
                        classes=["og-week"])
            with solara.Row(gap="6px"):
                solara.Button(t("pause", lang) if playing else t("play", lang),
                              icon_name="mdi-pause" if playing else "mdi-play",
                              on_click=guard(toggle_play), color="primary",
                              classes=["og-play"])
                solara.Button(t("step", lang), icon_name="mdi-skip-next",
                              on_click=guard(do_step), disabled=playing, classes=["og-step"])
                solara.Button(t("reset", lang), icon_name="mdi-restart",
                              on_click=guard(lambda: actions.reset(pending)),
                              classes=["og-reset"])
            with solara.Column(gap="2px", classes=["og-speed"]):
                solara.Text(t("speed", lang), style={"font-size": "13px"})
                solara.ToggleButtonsSingle(value=speed, values=SPEEDS, on_value=set_speed,
                                           dense=True)
            EventsPanel(workshop, lang, workshop.runs[RunLabel.A].model.teams.size, actions)
            SetupPanel(pending, set_pending, lang, actions)
            LeversPanel(workshop, lang, tuple(workshop.levels.values()), actions)

        # ------------------------------------------------------------ main area
        with solara.Column(gap="8px", classes=["og-main"]):
            if message is not None:
                kind, key, fmt = message
                if kind == "event":
                    # the model's own message is English; Dutch shows our description
                    detail = fmt.get("detail") if lang == Lang.EN else t("desc_" + key, lang)
                    text = f"⚡ {t('event_' + key, lang)}" + (f" — {detail}" if detail else "")
                else:
                    text = t(key, lang, **fmt)
                {"error": solara.Error, "info": solara.Info, "event": solara.Success}[kind](
                    text, classes=["og-message", f"og-message-{kind}"])
            with solara.Row(gap="16px", style={"align-items": "flex-start", "flex-wrap": "wrap"}):
                for lb in labels:
                    with solara.Column(style={"flex": "1 1 0", "min-width": "320px"}):
                        RunPanel(workshop, lb, lang, version, selected,
                                 lambda run, row: set_selected((run, row)))
            Legend(lang)
            solara.Text(t("click_hint", lang), style={"font-size": "12px", "color": "#666"})
            if selected is not None:
                PersonPanel(workshop, selected, lang, version, lambda: set_selected(None))
            solara.HTML(tag="h3", unsafe_innerHTML=html.escape(t("charts", lang)))
            solara.Image(png, format="png", width="100%", classes=["og-charts"])
            with solara.Row(gap="12px", style={"align-items": "center", "flex-wrap": "wrap"}):
                solara.Text(t("export", lang) + ":")
                # stable callables and file names: a re-render (a frame while playing) must
                # not reset a download under way
                solara.FileDownload(actions.charts_png, filename="orgsim-charts.png",
                                    label=t("export_png", lang), mime_type="image/png")
                solara.FileDownload(actions.csv_bytes, filename="orgsim-run.csv",
                                    label=t("export_csv", lang), mime_type="text/csv")
            with solara.Details(t("log", lang), expand=True):
                Logbook(workshop, lang, version)
            solara.Text(t("footer", lang), style={"font-size": "11px", "color": "#888"})
    solara.use_effect(drawn.set, None)  # effects run once the whole page is rendered


@solara.component
def EventsPanel(workshop: Workshop, lang: str, n_teams: int, actions: Actions) -> None:
    """Buttons that fire live events, and the team they hit."""
    team, set_team = solara.use_state(-1)

    def fire(name: str) -> None:
        text = workshop.fire(name, None if team < 0 else team)
        actions.set_message(("event", name, {"detail": text}))

    with solara.Details(t("events", lang), expand=True), \
            solara.Column(gap="4px", classes=["og-events"]):
        if event_function() is None:
            solara.Warning(t("event_unavailable", lang))
            return
        solara.Text(t("event_help", lang), style={"font-size": "13px", "color": "#555"})
        whole = t("event_whole_org", lang)
        names = [whole] + [t("team_n", lang, n=i + 1) for i in range(n_teams)]
        current = names[team + 1] if -1 <= team < n_teams else whole
        solara.Select(t("event_team", lang), values=names, value=current,
                      on_value=lambda v: set_team(names.index(v) - 1), classes=["og-event-team"])
        with solara.Row(gap="6px", style={"flex-wrap": "wrap"}):
            for name in event_names():
                solara.Button(t("event_" + name, lang), icon_name="mdi-flash",
                              on_click=actions.guard(lambda n=name: fire(n)), outlined=True,
                              small=True, classes=["og-event", f"og-event-{name}"])


@solara.component
def LeversPanel(workshop: Workshop, lang: str, levels: tuple[float, ...],
                actions: Actions) -> None:
    """Live sliders for demands, resources and leadership (see controller.LEVERS)."""
    with solara.Details(t("levers", lang), expand=True):
        solara.Text(t("levers_help", lang), style={"font-size": "12px", "color": "#555"})
        for group in ("demands", "resources", "leadership"):
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("group_" + group, lang)),
                        style="font-weight: 600; margin-top: 6px")
            for lever in (lv for lv in LEVERS if lv.group == group):
                with solara.Div(classes=[f"og-lever-{lever.name}"]):
                    solara.SliderFloat(
                        t("lever_" + lever.name, lang), value=workshop.levels[lever.name],
                        min=lever.lo, max=lever.hi, step=lever.step,
                        on_value=actions.guard(
                            lambda v, n=lever.name: workshop.set_lever(n, v)))


@solara.component
def SetupPanel(pending: Settings, set_pending: Callable[[Settings], None], lang: str,
               actions: Actions) -> None:
    """Scenario, seed, size, horizon, interventions and A/B: applied by a restart."""
    def update(**changes: Any) -> None:
        set_pending(Settings(**{**pending.__dict__, **changes}))

    scenarios = available_scenarios()
    labels = [name_label(s, lang) for s in scenarios]
    current = name_label(pending.scenario, lang)
    interventions = available_interventions()
    with solara.Details(t("setup", lang), expand=False), \
            solara.Column(gap="2px", classes=["og-setup"]):
            solara.Select(t("scenario", lang), values=labels,
                          value=current if current in labels else labels[0],
                          on_value=lambda v: update(scenario=scenarios[labels.index(v)]),
                          classes=["og-scenario"])
            orgs = available_orgs()
            org_labels = [org_label(o, str(lang)) for o in orgs]
            org_now = org_label(pending.org, str(lang))
            solara.Select(t("org", lang), values=org_labels,
                          value=org_now if org_now in org_labels else org_labels[0],
                          on_value=lambda v: update(org=orgs[org_labels.index(v)],
                                                    n_employees=org_size(
                                                        orgs[org_labels.index(v)])),
                          classes=["og-org"])
            solara.InputInt(t("seed", lang), value=pending.seed,
                            on_value=lambda v: update(seed=v), classes=["og-seed"])
            solara.SliderInt(t("n_employees", lang), value=pending.n_employees, min=20,
                             max=1000, step=10, on_value=lambda v: update(n_employees=v))
            solara.SliderInt(t("horizon", lang), value=pending.horizon, min=26, max=520,
                             step=26, on_value=lambda v: update(horizon=v))
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(t("interventions", lang)),
                        style="font-weight: 600; margin-top: 6px")
            if not interventions:
                solara.Text(t("no_interventions", lang), style={"font-size": "12px"})
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
                    update(interventions={**pending.interventions, name: week})

                with solara.Row(gap="4px", style={"align-items": "center"},
                                classes=[f"og-intervention-{name}"]):
                    solara.Checkbox(label=name_label(name, lang), value=on, on_value=toggle)
                    if on:
                        solara.InputInt(t("start_week", lang),
                                        value=pending.interventions[name],
                                        on_value=set_week, dense=True,
                                        style={"max-width": "90px"})
            solara.Checkbox(label=t("ab_mode", lang), value=pending.ab,
                            on_value=lambda v: update(ab=v))
            solara.Text(t("ab_help", lang), style={"font-size": "12px", "color": "#555"})
            solara.Button(t("apply_reset", lang),
                          on_click=actions.guard(lambda: actions.reset(pending)),
                          color="primary", classes=["og-apply"])

