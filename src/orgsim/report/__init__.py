"""The MT report: a comparison of scenarios turned into one self-contained HTML file.

    orgsim report <comparison_dir> [--lang en|nl] [--out report.html] [--pdf] [--force]
                  [--question "..."] [overrides ...]

Sections: the question, a short summary, the organisation, the scenarios compared, expected
burn-out cases and absence year by year up to the horizon (``horizon_years`` of the
comparison, default 3) with uncertainty bands, costs (burn-out absence, leavers due to
burn-out, other turnover, intervention: :func:`orgsim.results.cost_split`), the net effect
against the baseline, the teams most at risk, and the caveats (a model, not a forecast).
Figures are embedded PNGs; CSS is inline. See docs/report.md.
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
from orgsim.report.data import Comparison, ReportError, load, team_risk
from orgsim.report.i18n import LANGUAGES
from orgsim.report.render import SECTIONS, prepare, render

__all__ = ["SECTIONS", "ReportError", "build_report", "chromium", "main", "to_pdf"]


def build_report(comp: Comparison, lang: str = "en", question: str | None = None,
                 team_seeds: int | None = None, date: str | None = None) -> str:
    """The report of ``comp`` as an HTML string. The team ranking reads the per-team results
    of the comparison's baseline runs: all of them, or (deprecated) the first
    ``team_seeds``."""
    weeks = comp.horizon
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


NO_CHROMIUM = ("--pdf needs Chromium, which is not installed — install it (Debian: apt-get "
               "install chromium), or open the HTML in a browser and print it to PDF")


def to_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print the HTML to PDF with headless Chromium (no browser download: the system one).

    Raises:
        ReportError: when no Chromium is installed or printing fails.
    """
    exe = chromium()
    if exe is None:
        raise ReportError(NO_CHROMIUM)
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


#: Files of a comparison directory the report reads or ``orgsim compare`` owns: never an
#: output of the report, even with --force (besides everything under ``runs/``).
INPUTS = ("meta.json", "runs.parquet", "summaries.csv", "comparison.csv", "config.yaml",
          "timeseries.png", "effects.png")


def output_paths(outdir: Path, out: str | None, lang: str, pdf: bool
                 ) -> tuple[Path, Path | None, set[Path]]:
    """The HTML file, the PDF file (or None) and the default outputs (which a new report
    replaces without --force) of ``orgsim report``. ``--out x.pdf --pdf`` writes the HTML
    next to it (``x.html``).

    Raises:
        ReportError: for ``--out x.pdf`` without ``--pdf``.
    """
    suffix = "" if lang == "en" else f"_{lang}"
    default = outdir / f"report{suffix}.html"
    html = Path(out) if out else default
    if html.suffix.lower() == ".pdf":
        if not pdf:
            raise ReportError(f"--out {html} names a PDF but the report is HTML — add --pdf "
                              f"(the HTML is then written next to it, as "
                              f"{html.with_suffix('.html')}) or name an .html file")
        return html.with_suffix(".html"), html, {default, default.with_suffix(".pdf")}
    return html, html.with_suffix(".pdf") if pdf else None, {default,
                                                            default.with_suffix(".pdf")}


def check_outputs(outdir: Path, targets: list[Path], defaults: set[Path], force: bool) -> None:
    """Refuse outputs that would overwrite the comparison's inputs (anything under its
    ``runs/``, or one of :data:`INPUTS`; never allowed) or an existing file (unless
    ``force``, or it is a default output of an earlier report).

    Raises:
        ReportError: naming the path and what to do instead.
    """
    runs = (outdir / "runs").resolve()
    inputs = {(outdir / name).resolve() for name in INPUTS}
    for target in targets:
        real = target.resolve()
        if real == runs or runs in real.parents:
            raise ReportError(f"{target} is inside the comparison's runs ({outdir / 'runs'}), "
                              "which the report reads — choose a path outside it")
        if real in inputs:
            raise ReportError(f"{target} is one of the comparison's own files, which the "
                              "report reads — choose another --out")
        if real.is_dir():
            raise ReportError(f"{target} is a directory — give a file name, e.g. "
                              f"{target / 'report.html'}")
        if real.exists() and not force and real not in {d.resolve() for d in defaults}:
            raise ReportError(f"{target} exists — pass --force to overwrite it, or choose "
                              "another --out")


def main(argv: list[str]) -> int:
    """``orgsim report``: comparison directory -> report.html (and report.pdf)."""
    parser = argparse.ArgumentParser(
        prog="orgsim report",
        description="Turn an `orgsim compare` output directory into a self-contained HTML "
                    "report for a management team (docs/report.md).")
    parser.add_argument("comparison_dir")
    parser.add_argument("--lang", choices=LANGUAGES, default="en")
    parser.add_argument("--out", help="HTML file (default: <comparison_dir>/report[_nl].html)")
    parser.add_argument("--pdf", action="store_true",
                        help="also print a PDF (needs Chromium): next to the HTML, or, with "
                             "--out FILE.pdf, to FILE.pdf with the HTML next to it")
    parser.add_argument("--force", action="store_true",
                        help="overwrite an existing --out file (never the comparison's own "
                             "files)")
    parser.add_argument("--question", help="the MT's question, shown at the top")
    parser.add_argument("--team-seeds", type=int, default=None, metavar="N",
                        help="deprecated: rank the teams on the first N baseline runs only "
                             "(default: all of them; they are read, not run again)")
    parser.add_argument("overrides", nargs="*",
                        help="config overrides the comparison ran with (e.g. org=client) when "
                             "the comparison directory does not record them")
    from orgsim.cli import fail

    # one line, not argparse's usage block (issue 18: one error path per command)
    parser.error = lambda message: fail(  # type: ignore[method-assign]
        "orgsim report", f"{message} — see orgsim report --help")
    args = parser.parse_intermixed_args(argv)
    from orgsim.logs import quiet_mesa

    quiet_mesa()
    outdir = Path(args.comparison_dir)
    if args.team_seeds is not None:
        print("orgsim report: note: --team-seeds is deprecated: the team ranking reads the "
              "comparison's baseline runs (by default all of them) instead of running them "
              "again", file=sys.stderr)
    try:
        out, pdf, defaults = output_paths(outdir, args.out, args.lang, args.pdf)
        check_outputs(outdir, [out] if pdf is None else [out, pdf], defaults, args.force)
        if pdf is not None and chromium() is None:
            raise ReportError(NO_CHROMIUM)  # before anything is written
        comp = load(outdir, args.overrides)
        text = build_report(comp, args.lang, args.question, args.team_seeds)
        atomic_write_text(out, text)
        print(f"wrote {out} ({len(text) / 1e3:.0f} kB)")
        if pdf is not None:
            to_pdf(out, pdf)
            print(f"wrote {pdf}")
    except (ReportError, ConfigError, OSError) as exc:
        print(f"orgsim report: error: {exc}", file=sys.stderr)
        return 2
    return 0
