"""The MT report: a comparison of scenarios turned into one self-contained HTML file.

    orgsim report <comparison_dir> [--lang en|nl] [--out report.html] [--pdf]
                  [--question "..."] [overrides ...]

Sections: the question, a short summary, the organisation, the scenarios compared, expected
burn-out cases and absence over 1-3 years with uncertainty bands, costs (absence days x EUR
per day, replacement, intervention), the net effect against the baseline, the teams most at
risk, and the caveats (a model, not a forecast). Figures are embedded PNGs; CSS is inline.
See docs/report.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from orgsim.config import ConfigError
from orgsim.files import atomic_write_text
from orgsim.report.data import Comparison, ReportError, horizons, load, team_risk
from orgsim.report.i18n import LANGUAGES
from orgsim.report.render import SECTIONS, prepare, render

__all__ = ["SECTIONS", "ReportError", "build_report", "chromium", "main", "to_pdf"]


def build_report(comp: Comparison, lang: str = "en", question: str | None = None,
                 team_seeds: int | None = None, date: str | None = None) -> str:
    """The report of ``comp`` as an HTML string. The team ranking reads the per-team results
    of the comparison's baseline runs: all of them, or (deprecated) the first
    ``team_seeds``."""
    weeks = horizons(comp.weeks)[-1]
    seeds = comp.seeds if team_seeds is None else comp.seeds[:max(1, team_seeds)]
    teams = team_risk(comp.outdir, seeds, weeks)
    inp = prepare(comp, teams, weeks, question=question, date=date)
    return render(inp, lang)


def chromium() -> str | None:
    """Path of a Chromium/Chrome executable, if one is installed."""
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print the HTML to PDF with headless Chromium (no browser download: the system one).

    Raises:
        ReportError: when no Chromium is installed or printing fails.
    """
    exe = chromium()
    if exe is None:
        raise ReportError("--pdf needs Chromium (Debian: apt-get install chromium); or open the "
                          "HTML in a browser and print it to PDF")
    tmp = pdf_path.with_name(f".{pdf_path.name}.tmp")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={tmp}", html_path.resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    if proc.returncode != 0 or not tmp.exists():
        raise ReportError(f"Chromium could not print the PDF: {proc.stderr.strip()[-300:]}")
    tmp.replace(pdf_path)


def main(argv: list[str]) -> int:
    """``orgsim report``: comparison directory -> report.html (and report.pdf)."""
    parser = argparse.ArgumentParser(
        prog="orgsim report",
        description="Turn an `orgsim compare` output directory into a self-contained HTML "
                    "report for a management team (docs/report.md).")
    parser.add_argument("comparison_dir")
    parser.add_argument("--lang", choices=LANGUAGES, default="en")
    parser.add_argument("--out", help="HTML file (default: <comparison_dir>/report[_nl].html)")
    parser.add_argument("--pdf", action="store_true", help="also print a PDF (needs Chromium)")
    parser.add_argument("--question", help="the MT's question, shown at the top")
    parser.add_argument("--team-seeds", type=int, default=None, metavar="N",
                        help="deprecated: rank the teams on the first N baseline runs only "
                             "(default: all of them; they are read, not run again)")
    parser.add_argument("overrides", nargs="*",
                        help="config overrides the comparison ran with (e.g. org=client) when "
                             "the comparison directory does not record them")
    args = parser.parse_intermixed_args(argv)
    from orgsim.logs import quiet_mesa

    quiet_mesa()
    outdir = Path(args.comparison_dir)
    suffix = "" if args.lang == "en" else f"_{args.lang}"
    out = Path(args.out) if args.out else outdir / f"report{suffix}.html"
    if args.team_seeds is not None:
        print("orgsim report: note: --team-seeds is deprecated: the team ranking reads the "
              "comparison's baseline runs (by default all of them) instead of running them "
              "again", file=sys.stderr)
    try:
        comp = load(outdir, args.overrides)
        text = build_report(comp, args.lang, args.question, args.team_seeds)
        atomic_write_text(out, text)
        print(f"wrote {out} ({len(text) / 1e3:.0f} kB)")
        if args.pdf:
            pdf = out.with_suffix(".pdf")
            to_pdf(out, pdf)
            print(f"wrote {pdf}")
    except (ReportError, ConfigError, OSError) as exc:
        print(f"orgsim report: error: {exc}", file=sys.stderr)
        return 2
    return 0
