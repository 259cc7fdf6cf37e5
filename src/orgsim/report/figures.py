"""Figures of the MT report: matplotlib (Agg) PNGs returned as base64 data URIs."""

from __future__ import annotations

import base64
import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import Formatter, MaxNLocator  # noqa: E402

from orgsim.report import i18n  # noqa: E402
from orgsim.report.data import BASELINE, Comparison, NetEffect, ScenarioNumbers, bands  # noqa: E402

BASE_COLOR = "#6b7280"
PALETTE = ["#0f766e", "#b45309", "#1d4ed8", "#9d174d", "#4d7c0f", "#7c3aed", "#0e7490",
           "#c2410c", "#15803d", "#be123c", "#4338ca", "#a16207"]
INK = "#1f2937"


def colors(scenarios: list[str]) -> dict[str, str]:
    """Baseline grey, the options in a fixed palette (same colour in every figure)."""
    out, k = {}, 0
    for s in scenarios:
        if s == BASELINE:
            out[s] = BASE_COLOR
        else:
            out[s] = PALETTE[k % len(PALETTE)]
            k += 1
    return out


def _style(ax: plt.Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color("#9ca3af")
    ax.tick_params(colors=INK, labelsize=9)
    ax.grid(axis="y", color="#e5e7eb", linewidth=0.8)
    ax.set_axisbelow(True)


def to_data_uri(fig: plt.Figure) -> str:
    """PNG of ``fig`` as a ``data:image/png;base64,...`` URI (the figure is closed)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight", facecolor="white",
                metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _years_axis(ax: plt.Axes, weeks: int, lang: str) -> None:
    ticks = list(range(0, weeks + 1, 26))
    ax.set_xticks(ticks)
    label = "jaar" if lang == "nl" else "year"
    ax.set_xticklabels([f"{t / 52:g}" if t % 52 == 0 else "" for t in ticks])
    ax.set_xlabel(label, color=INK, fontsize=9)
    ax.set_xlim(0, weeks)


def timeseries(comp: Comparison, lang: str, metric: str, horizon: int, *,
               cumulative: bool, smooth: int, scale: float, ylabel: str) -> str:
    """Small multiples: each option against the baseline, mean line and 5-95% band.

    One panel per option keeps the bands readable when many scenarios are compared.
    """
    options = [s for s in comp.scenarios if s != BASELINE] or [BASELINE]
    ncols = 1 if len(options) == 1 else 2 if len(options) <= 4 else 3
    nrows = int(np.ceil(len(options) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 0.6 + 2.0 * nrows), sharex=True,
                             sharey=True, squeeze=False)
    col = colors(comp.scenarios)
    x = np.arange(1, horizon + 1)
    series = {s: bands(comp, metric, s, cumulative=cumulative, smooth=smooth, scale=scale)
              for s in comp.scenarios}
    base_label = i18n.scenario_label(lang, BASELINE)
    for ax, s in zip(axes.flat, options, strict=False):
        for name, dashed in ((BASELINE, True), (s, False)):
            if dashed and s == BASELINE:
                continue
            mean, lo, hi = series[name]
            ax.fill_between(x, lo[:horizon], hi[:horizon], color=col[name],
                            alpha=0.13 if dashed else 0.2, linewidth=0)
            ax.plot(x, mean[:horizon], color=col[name], linewidth=1.6 if dashed else 2.2,
                    linestyle="--" if dashed else "-")
        ax.set_title(i18n.scenario_label(lang, s) + ("" if s == BASELINE else
                     f"  {i18n.t(lang, 'vs')} {base_label.lower()}"), fontsize=9, color=INK,
                     loc="left")
        _style(ax)
        _years_axis(ax, horizon, lang)
        ax.set_ylim(bottom=0)
    for ax in axes.flat[len(options):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel(ylabel, color=INK, fontsize=9)
    for ax in axes[:-1].flat:
        ax.set_xlabel("")
    fig.tight_layout()
    return to_data_uri(fig)


class EuroFormatter(Formatter):
    """Compact euro tick labels (:func:`i18n.euro_short`) with as many decimals as the
    distance between the ticks needs."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, x: float, pos: int | None = None) -> str:
        return i18n.euro_short(self.lang, x)

    def format_ticks(self, values: Any) -> list[str]:
        ticks = np.sort(np.asarray(values, dtype=float))
        step = float(np.min(np.diff(ticks))) if len(ticks) > 1 else None
        return [i18n.euro_short(self.lang, float(v), step) for v in values]


def _euro_axis(ax: plt.Axes, lang: str) -> None:
    """House style for a horizontal chart with euros on the x axis (few, compact labels)."""
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.xaxis.set_major_formatter(EuroFormatter(lang))
    _style(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e5e7eb", linewidth=0.8)


def costs(numbers: dict[str, ScenarioNumbers], lang: str) -> str:
    """Stacked bars of the expected cost lines per scenario: burn-out absence, leavers due to
    burn-out, other turnover and the intervention."""
    names = list(numbers)
    parts = [("absence_cost", i18n.t(lang, "col_absence_cost"), "#1e3a8a"),
             ("burnout_turnover_cost", i18n.t(lang, "col_burnout_turnover"), "#3b82f6"),
             ("other_turnover_cost", i18n.t(lang, "col_other_turnover"), "#cbd5e1"),
             ("intervention_cost", i18n.t(lang, "col_intervention"), "#f59e0b")]
    fig, ax = plt.subplots(figsize=(7.2, 0.45 * len(names) + 1.2))
    left = np.zeros(len(names))
    y = np.arange(len(names))[::-1]
    for key, label, color in parts:
        vals = np.array([numbers[s].per_seed[key].mean() for s in names])
        ax.barh(y, vals, left=left, color=color, label=label, height=0.62)
        left += vals
    for yi, total in zip(y, left, strict=True):
        ax.text(total, yi, "  " + i18n.euro(lang, float(total)), va="center", fontsize=8,
                color=INK)
    ax.set_yticks(y)
    ax.set_yticklabels([i18n.scenario_label(lang, s) for s in names], fontsize=9)
    _euro_axis(ax, lang)
    ax.set_xlim(0, left.max() * 1.22 if left.max() > 0 else 1)
    ax.legend(frameon=False, fontsize=8, ncol=2, loc="upper center",
              bbox_to_anchor=(0.5, -0.12 if len(names) > 3 else -0.2))
    return to_data_uri(fig)


def net(effects: dict[str, NetEffect], lang: str, scenarios: list[str]) -> str:
    """Forest plot: net saving vs baseline with its 95% interval, per option."""
    col = colors(scenarios)
    names = list(effects)
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(names) + 1.0))
    y = np.arange(len(names))[::-1]
    for yi, s in zip(y, names, strict=True):
        e = effects[s].net_saving
        ax.plot([e.lo, e.hi], [yi, yi], color=col[s], linewidth=2.5, solid_capstyle="round")
        ax.plot(e.mean, yi, "o", color=col[s], markersize=7)
    ax.axvline(0, color=INK, linewidth=1)
    ax.set_yticks(y)
    ax.set_yticklabels([i18n.scenario_label(lang, s) for s in names], fontsize=9)
    _euro_axis(ax, lang)
    ax.set_ylim(-0.6, len(names) - 0.4)
    return to_data_uri(fig)
