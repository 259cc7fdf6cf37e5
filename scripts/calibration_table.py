"""Render the calibration results (``scripts/calibrate.py --json``) as markdown tables.

Usage:
    python scripts/calibration_table.py docs/calibration_results.json      # print the table
    python scripts/calibration_table.py docs/calibration_results.json \\
        --update docs/calibration.md --readme README.md                     # make calibrate

With ``--update`` the full table replaces what stands between the marker comments
``<!-- calibration-table:start -->`` and ``<!-- calibration-table:end -->`` in that file;
and the fitted values (every free parameter of ``scripts/fit_calibration.py``'s ``FREE``
with its default, as the baseline preset sets it, and its search range) replace what stands
between ``<!-- calibration-params:start -->`` and ``<!-- calibration-params:end -->``;
with ``--readme`` the headline rows (the levels) replace what stands between
``<!-- calibration-headline:start -->`` and ``<!-- calibration-headline:end -->``. Nothing
else in either file changes. A file without its markers is an error (nothing is written).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

TABLE_MARKERS = ("<!-- calibration-table:start -->", "<!-- calibration-table:end -->")
HEADLINE_MARKERS = ("<!-- calibration-headline:start -->", "<!-- calibration-headline:end -->")
PARAMS_MARKERS = ("<!-- calibration-params:start -->", "<!-- calibration-params:end -->")
SCRIPTS = Path(__file__).resolve().parent

#: The rows shown in the README: the levels the Dutch data give.
HEADLINE = ("complaints_pct", "absence_pct_hours", "episode_days", "fully_back_26w_pct",
            "recurrence_3y_pct")


#: Words for the statistics reported besides the targets (others are shown by their key).
OTHER_LABELS = {
    "cases_per_100_year": "new burn-out absence episodes per 100 positions a year",
    "leavers_pct_year": "leavers (voluntary and contract end) per 100 positions a year",
}


def _other_label(key: str) -> str:
    if key in OTHER_LABELS:
        return OTHER_LABELS[key]
    if key.endswith("_observed"):
        return f"`{key.removesuffix('_observed')}` as observed (not corrected for attenuation)"
    return f"`{key}`"


def _decimals(result: Mapping[str, Any]) -> int:
    """Decimals to print: fewer for wide bands (days), more for narrow ones (r, ICC)."""
    band = result.get("band")
    if band:
        width = abs(band[1] - band[0])
    else:
        width = abs(result["mean"]) if math.isfinite(result["mean"]) else 1.0
    if width >= 20:
        return 0
    if width >= 2:
        return 1
    return 2


def _number(x: float, decimals: int) -> str:
    if not math.isfinite(x):
        return "n/a"
    text = f"{x:.{decimals}f}"
    return text.replace("-", "−")


def _simulated(result: Mapping[str, Any]) -> str:
    d = _decimals(result)
    mean, lo, hi = result["mean"], result["ci_lo"], result["ci_hi"]
    if not math.isfinite(mean):
        return "n/a"
    if lo == hi == mean:  # a single value (the spread over seeds), no interval
        return _number(mean, d)
    return f"{_number(mean, d)} [{_number(lo, d)}, {_number(hi, d)}]"


def _source(text: str) -> str:
    # targets set by the project itself (its issue tracker), not by the literature
    return "project requirement" if text.startswith("issue") else text


def _band(result: Mapping[str, Any]) -> str:
    lo, hi = result["band"]
    d = _decimals(result)
    return f"{_number(lo, d)} to {_number(hi, d)}"


def target_rows(results: Mapping[str, Mapping[str, Any]],
                keys: Sequence[str] | None = None) -> list[str]:
    """One markdown row per target (results with a PASS/MISS), in the JSON's order."""
    rows = []
    for key, r in results.items():
        if r.get("pass") is None or (keys is not None and key not in keys):
            continue
        unit = f" {r['unit']}" if r.get("unit") and r["unit"] not in ("%",) else ""
        unit = "%" if r.get("unit") == "%" else unit
        verdict = "PASS" if r["pass"] else "**MISS**"
        rows.append(f"| {r['label']} | {r['target']} ({_source(r['source'])}) | "
                    f"{_band(r)}{unit} | {_simulated(r)} | {verdict} |")
    return rows


def render(data: Mapping[str, Any], headline: bool = False) -> str:
    """The markdown table(s) for the JSON written by ``scripts/calibrate.py --json``."""
    results: Mapping[str, Mapping[str, Any]] = data["results"]
    seeds, weeks = data.get("seeds"), data.get("weeks")
    overrides = data.get("overrides") or []
    head = ["| target | published value (source) | band | simulated: mean [95% interval] | |",
            "|---|---|---|---|---|"]
    lines = head + target_rows(results, HEADLINE if headline else None)
    setting = f"{seeds} seeds × {weeks} weeks after the warm-up"
    if overrides:
        setting += ", overrides " + " ".join(f"`{o}`" for o in overrides)
    if headline:
        return "\n".join(lines) + "\n"
    targeted = [r for r in results.values() if r.get("pass") is not None]
    passed = sum(bool(r["pass"]) for r in targeted)
    lines.append("")
    lines.append(f"{passed} of {len(targeted)} targets pass ({setting}; "
                 "`docs/calibration_results.json`).")
    others = [(k, r) for k, r in results.items() if r.get("pass") is None]
    if others:
        lines += ["", "Not targets (for reference, same runs):", "",
                  "| statistic | simulated: mean [95% interval] |", "|---|---|"]
        lines += [f"| {_other_label(k)} | {_simulated(r)} |" for k, r in others]
    return "\n".join(lines) + "\n"


def render_fitted() -> str:
    """The free parameters of ``scripts/fit_calibration.py`` with their values in the
    baseline (``org=typical_dutch scenario=baseline``), search ranges and meanings."""
    import importlib.util

    from orgsim import load_config
    from orgsim.config import describe

    spec = importlib.util.spec_from_file_location("fit_calibration",
                                                  SCRIPTS / "fit_calibration.py")
    assert spec is not None and spec.loader is not None
    fit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit)
    rows = {r["key"]: r for r in describe(load_config(["org=typical_dutch",
                                                       "scenario=baseline"]))}
    lines = ["| parameter | value | search range | meaning |", "|---|---|---|---|"]
    for key, (lo, hi) in fit.FREE.items():
        row = rows[key]
        value = row["value"]
        note = "" if lo <= value <= hi else " (outside the search range: hand refinement)"
        lines.append(f"| `{key}` | {value:g}{note} | {lo:g} – {hi:g} | {row['meaning']} |")
    return "\n".join(lines) + "\n"


def replace_between(text: str, markers: tuple[str, str], body: str) -> str:
    """``text`` with what stands between the two marker lines replaced by ``body``."""
    start, end = markers
    i, j = text.find(start), text.find(end)
    if i < 0 or j < i:
        raise ValueError(f"markers {start} ... {end} not found (in this order)")
    return text[: i + len(start)] + "\n" + body + text[j:]


def _update(path: Path, markers: tuple[str, str], body: str) -> None:
    new = replace_between(path.read_text(encoding="utf-8"), markers, body)
    path.write_text(new, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, help="JSON written by scripts/calibrate.py")
    parser.add_argument("--update", type=Path, help="markdown file with the table markers")
    parser.add_argument("--readme", type=Path, help="markdown file with the headline markers")
    args = parser.parse_args(argv)
    data = json.loads(args.results.read_text(encoding="utf-8"))
    table = render(data)
    try:
        if args.update:
            _update(args.update, TABLE_MARKERS, table)
            _update(args.update, PARAMS_MARKERS, render_fitted())
        if args.readme:
            _update(args.readme, HEADLINE_MARKERS, render(data, headline=True))
    except ValueError as exc:
        print(f"calibration_table: {exc}", file=sys.stderr)
        return 2
    print(table, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
