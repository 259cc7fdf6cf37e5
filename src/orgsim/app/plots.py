"""The app's charts: matplotlib rendered on the server to PNG (works offline, exportable).

Uses ``matplotlib.figure.Figure`` with the Agg canvas directly (no pyplot state), so
several browser sessions can draw at the same time.
"""

from __future__ import annotations

import io
import math
import threading
from typing import Any

import numpy as np
import pandas as pd
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from orgsim.app.i18n import Lang, t

#: (i18n key, timeseries column) per panel; ``sick_people`` is derived.
PANELS: tuple[tuple[str, str], ...] = (
    ("chart_complaints", "burnout_complaints"),
    ("chart_absence", "absence_rate"),
    ("chart_engagement", "engagement_mean"),
    ("chart_energy", "energy_mean"),
    ("chart_cost", "total_cost_eur"),
    ("kpi_sick", "sick_people"),
)
#: Panels drawn on the screen unless the trainer chooses others (indices into PANELS).
DEFAULT_PANELS: tuple[int, ...] = (0, 5, 4)
#: Colour-blind-safe (Okabe-Ito); B is also dashed, so A and B differ without colour.
RUN_COLOURS = {"A": "#0072b2", "B": "#d55e00", "ghost": "#666666"}
RUN_STYLES = {"A": "-", "B": "--", "ghost": ":"}
SINGLE_COLOUR = "#0072b2"
EVENT_COLOUR = "#333333"
#: Chart markers (colour, line style) per kind: events, lever moves, intervention starts.
MARKER_STYLES = {"event": (EVENT_COLOUR, "--"), "lever": ("#0072b2", ":"),
                 "start": ("#009e73", "-.")}
#: Font sizes (points): at the screen size the page shows the charts, >= 16 px.
TITLE_PT, TICK_PT = 13, 12
#: Inches per panel (width, height).
PANEL_INCHES = (5.2, 2.5)
#: The band over several futures: the share of futures between its edges (percentiles).
BAND_PERCENTILES = (10, 90)


def band_edges(futures: list[pd.DataFrame], column: str) -> tuple[np.ndarray, np.ndarray,
                                                                  np.ndarray]:
    """Weeks and the :data:`BAND_PERCENTILES` of one panel's values over ``futures`` (each
    a run's weekly metrics in one future; the weeks all of them reached)."""
    n = min(len(ts) for ts in futures)
    values = np.stack([panel_values(ts, column).to_numpy(dtype=float)[:n] for ts in futures])
    lo, hi = np.percentile(values, BAND_PERCENTILES, axis=0)
    return futures[0]["week"].to_numpy()[:n], lo, hi


def panel_values(ts: pd.DataFrame, column: str) -> pd.Series:
    """The plotted values of one panel (percentages, thousands, people)."""
    if column in ("burnout_complaints", "absence_rate"):
        return 100 * ts[column]
    if column == "total_cost_eur" and column not in ts:
        return ts["cost_eur"].cumsum() / 1000
    if column == "total_cost_eur":
        return ts[column].cumsum() / 1000
    if column == "sick_people":
        return ts["burnout_absent"] * ts["headcount"]
    return ts[column]


class ChartBoard:
    """Six small charts over the weeks, one line per run, redrawn as PNG after each step.

    The figure is built once and only its data change between frames (building a
    matplotlib figure costs several times more than drawing it).

    Args:
        lang: language of titles and labels.
        labels: run labels ("A", or "A" and "B").
        run_names: legend label per run label.
        horizon: last week of the x axis (the run length), so the axis does not jump.
        dpi: resolution (100 for the screen, higher for export).
        panels: which of :data:`PANELS` to draw (indices), in this order; all by default.
        columns: panels per row (1: a column beside the teams on the screen).
    """

    def __init__(self, lang: str | Lang, labels: list[str], run_names: dict[str, str] | None,
                 horizon: int, dpi: int = 100, panels: tuple[int, ...] | None = None,
                 columns: int = 3) -> None:
        self.lock = threading.Lock()
        self.dpi = dpi
        self.panels = [PANELS[i] for i in (range(len(PANELS)) if panels is None else panels)]
        n = max(1, len(self.panels))
        columns = max(1, min(columns, n))
        rows = math.ceil(n / columns)
        self.fig = Figure(figsize=(PANEL_INCHES[0] * columns, PANEL_INCHES[1] * rows), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        self.fig.subplots_adjust(left=0.1 / columns + 0.02, right=0.98,
                                 top=1 - 0.16 / rows, bottom=0.2 / rows,
                                 wspace=0.25, hspace=0.55)
        grid = self.fig.subplots(rows, columns, sharex=True, squeeze=False).flat
        self.axes = list(grid)[:len(self.panels)]
        for spare in list(self.fig.axes)[len(self.panels):]:
            spare.set_visible(False)
        single = len(labels) == 1
        self.lines: dict[tuple[int, str], Any] = {}
        for i, (ax, (key, column)) in enumerate(zip(self.axes, self.panels, strict=True)):
            ax.set_title(t(key, lang), fontsize=TITLE_PT, loc="left")
            for label in labels:
                colour = SINGLE_COLOUR if single else RUN_COLOURS.get(label)
                name = (run_names or {}).get(label, label)
                (self.lines[i, label],) = ax.plot([], [], color=colour, lw=2.6, label=name,
                                                  ls=RUN_STYLES.get(label, "-"))
            ax.set_xlim(0, max(horizon, 10))
            ax.grid(alpha=0.3)
            ax.tick_params(labelsize=TICK_PT)
            # people are whole: no "0.8 people" ticks
            ax.yaxis.set_major_locator(MaxNLocator(4, integer=column == "sick_people"))
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            if column in ("engagement_mean", "energy_mean"):
                ax.set_ylim(0, 1)
            if i >= len(self.panels) - columns:
                ax.set_xlabel(t("week", lang), fontsize=TICK_PT)
        if not single:
            self.axes[0].legend(fontsize=TICK_PT, loc="lower left", framealpha=0.85,
                                edgecolor="none")
        self.empty = self.axes[0].text(0.5, 0.5, t("chart_empty", lang), ha="center",
                                       va="center", transform=self.axes[0].transAxes,
                                       fontsize=TITLE_PT, color="#333")
        self.event_lines: list[Any] = []
        self.events: list[tuple[Any, ...]] = []
        self.band_artists: list[Any] = []
        self.band: Any = None  #: the band drawn (compared by identity)
        self.band_top = [0.0] * len(self.panels)
        self.background: Any = None

    def render(self, series: dict[str, pd.DataFrame],
               events: list[tuple[Any, ...]] | None = None,
               band: dict[str, list[pd.DataFrame]] | None = None) -> bytes:
        """PNG of the charts for ``series`` (run label -> ``OrgModel.timeseries()``).

        ``band``: per run label, its weekly metrics in several futures; each run's panels
        get a shaded band between the futures' :data:`BAND_PERCENTILES` in its colour.

        ``events``: markers ``(week, label)`` or ``(week, label, kind)``, kind one of
        :data:`MARKER_STYLES` ("event" by default); a change made in week w acts from
        w + 1, so the line stands between w and w + 1, and ``label`` (the logbook's number)
        is written at its top in the first chart.
        """
        with self.lock:
            changed = self.background is None
            if band is not self.band:
                self._draw_band(band)
                changed = True
            has_data = False
            for i, (ax, (_key, column)) in enumerate(zip(self.axes, self.panels, strict=True)):
                top = 0.0
                for label, ts in series.items():
                    line = self.lines.get((i, label))
                    if line is None:
                        continue
                    values = panel_values(ts, column).to_numpy(dtype=float)
                    line.set_data(ts["week"].to_numpy(), values)
                    if len(values):
                        has_data = True
                        top = max(top, float(np.nanmax(values)))
                if column not in ("engagement_mean", "energy_mean"):
                    upper = nice_ceiling(max(top, self.band_top[i]) * 1.05)
                    if ax.get_ylim()[1] != upper:
                        ax.set_ylim(0, upper)
                        changed = True
            if self.empty.get_visible() == has_data:
                self.empty.set_visible(not has_data)
                changed = True
            events = list(events or [])
            if events != self.events:
                for artist in self.event_lines:
                    artist.remove()
                self.event_lines = []
                for marker in events:
                    week, label = marker[0], str(marker[1])
                    colour, style = MARKER_STYLES[marker[2] if len(marker) > 2 else "event"]
                    self.event_lines += [ax.axvline(week + 0.5, color=colour, lw=1.4, ls=style,
                                                    alpha=0.8) for ax in self.axes]
                    if label:
                        self.event_lines.append(self.axes[0].annotate(
                            label, (week + 0.5, 0.97), xycoords=("data", "axes fraction"),
                            xytext=(3, 0), textcoords="offset points",
                            ha="left", va="top", fontsize=TICK_PT - 1, color="#fff",
                            bbox={"boxstyle": "round,pad=0.15", "fc": colour, "ec": "none"}))
                self.events = events
                changed = True
            # Blitting: axes, ticks and labels only change when a y limit, the event markers
            # or the "empty" note change; otherwise only the lines are drawn on a saved
            # background (several times faster than a full draw).
            if changed:
                for line in self.lines.values():
                    line.set_visible(False)
                self.canvas.draw()
                self.background = self.canvas.copy_from_bbox(self.fig.bbox)
                for line in self.lines.values():
                    line.set_visible(True)
            else:
                self.canvas.restore_region(self.background)
            for (i, _label), line in self.lines.items():
                self.axes[i].draw_artist(line)
            width, height = self.canvas.get_width_height()
            image = PIL.Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(),
                                         "raw", "RGBA", 0, 1)
            buf = io.BytesIO()
            image.save(buf, format="PNG", compress_level=1)
            return buf.getvalue()


    def _draw_band(self, band: dict[str, list[pd.DataFrame]] | None) -> None:
        """Replace the shaded bands (none when ``band`` is None)."""
        for artist in self.band_artists:
            artist.remove()
        self.band_artists, self.band = [], band
        self.band_top = [0.0] * len(self.panels)
        single = len({label for (_i, label) in self.lines}) == 1
        for i, (ax, (_key, column)) in enumerate(zip(self.axes, self.panels, strict=True)):
            for label, futures in (band or {}).items():
                if (i, label) not in self.lines or not futures:
                    continue
                weeks, lo, hi = band_edges(futures, column)
                colour = SINGLE_COLOUR if single else RUN_COLOURS.get(label, SINGLE_COLOUR)
                self.band_artists.append(ax.fill_between(weeks, lo, hi, color=colour,
                                                         alpha=0.18, lw=0, zorder=1))
                self.band_top[i] = max(self.band_top[i], float(np.nanmax(hi)))


def nice_ceiling(x: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 x 10^k at or above ``x`` (1 for x <= 0).

    Axis limits move in these steps, so they change rarely while a run plays.
    """
    if not x > 0:
        return 1.0
    exponent = math.floor(math.log10(x))
    for m in (1, 1.5, 2, 3, 4, 5, 6, 8, 10):
        value = m * 10.0**exponent
        if value >= x * (1 - 1e-12):
            return float(value)
    return float(10.0 ** (exponent + 1))


def charts_png(
    series: dict[str, pd.DataFrame],
    lang: str | Lang = Lang.EN,
    events: list[tuple[Any, ...]] | None = None,
    run_names: dict[str, str] | None = None,
    horizon: int | None = None,
    dpi: int = 100,
    band: dict[str, list[pd.DataFrame]] | None = None,
) -> bytes:
    """One-off PNG of the charts (for export); see :class:`ChartBoard`."""
    xmax = max([horizon or 0] + [int(ts["week"].max()) for ts in series.values() if len(ts)])
    board = ChartBoard(lang, list(series), run_names, xmax, dpi=dpi)
    return board.render(series, events, band)


def team_png(team: pd.DataFrame, ghost: pd.DataFrame | None, lang: str | Lang, title: str,
             horizon: int, dpi: int = 100) -> bytes:
    """The team panel's charts: the team's mean load against the rest of the organisation,
    and its people on burn-out sick leave, over the weeks (``team``:
    :meth:`~orgsim.app.controller.Workshop.team_series`; ``ghost``: the same team without
    the event, dotted)."""
    # 6.4 inches wide: shown at its own size (640 px) or less, its text is >= 16 px in
    # presentation mode at 1280x800
    fig = Figure(figsize=(6.4, 2.9), dpi=dpi)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.09, right=0.99, top=0.66, bottom=0.12, wspace=0.22)
    load_ax, sick_ax = fig.subplots(1, 2, sharex=True)
    fig.suptitle(title, fontsize=TITLE_PT, x=0.01, y=0.985, ha="left", fontweight="bold")
    load_ax.plot(team["week"], team["load"], color=SINGLE_COLOUR, lw=2.4,
                 label=t("team_load_this", lang))
    load_ax.plot(team["week"], team["rest_load"], color="#666666", lw=1.8, ls="--",
                 label=t("team_load_rest", lang))
    sick_ax.plot(team["week"], team["sick"], color=SINGLE_COLOUR, lw=2.4)
    if ghost is not None:
        load_ax.plot(ghost["week"], ghost["load"], color="#000000", lw=1.8, ls=":",
                     label=t("team_without", lang))
        sick_ax.plot(ghost["week"], ghost["sick"], color="#000000", lw=1.8, ls=":")
    fig.legend(*load_ax.get_legend_handles_labels(), loc="upper left", ncol=3,
               bbox_to_anchor=(0.0, 0.9), fontsize=TICK_PT, frameon=False,
               handlelength=1.6, columnspacing=1.0, borderaxespad=0.2)
    load_ax.set_title(t("team_load", lang), fontsize=TICK_PT, loc="left")
    sick_ax.set_title(t("kpi_sick", lang), fontsize=TICK_PT, loc="left")
    load_ax.yaxis.set_major_locator(MaxNLocator(3))
    sick_ax.yaxis.set_major_locator(MaxNLocator(3, integer=True))
    top = float(max(team["sick"].max(), 0 if ghost is None else ghost["sick"].max()))
    sick_ax.set_ylim(0, max(1.0, top * 1.15))
    for ax in (load_ax, sick_ax):
        ax.set_xlim(0, max(horizon, 10))
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=TICK_PT)
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
