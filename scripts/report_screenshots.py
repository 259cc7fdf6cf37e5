"""Pictures of the MT report (docs/report.md): the English and Dutch report of a comparison
directory, as PDF pages (``pdftoppm -r 75``: report-<lang>-<page>.png) and as the HTML page
Chromium shows in a window 1280 px wide (full page, 256 colours: report-<lang>-html.png).

    python scripts/report_screenshots.py outputs/compare/baseline_focus_clearer_roles_r20 \\
        --out docs/img          # regenerates the committed pictures, on purpose

Without ``--out`` the pictures go to outputs/report-screenshots (a trial run never
overwrites docs/img). The reports themselves are written to a temporary directory, not into
the comparison directory. Needs Chromium (/usr/bin/chromium), Playwright and pdftoppm
(poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from orgsim import report

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "nl")
WIDTH = 1280
DPI = 75


def pdf_pages(pdf: Path, out: Path, lang: str) -> list[Path]:
    """The PDF's pages as report-<lang>-<n>.png in ``out`` (older pages of ``lang``
    removed first, so a shorter report leaves none behind)."""
    for old in out.glob(f"report-{lang}-[0-9]*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), f"{tmp}/page"],
                       check=True, capture_output=True)
        pages = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        written = []
        for number, page in enumerate(pages, start=1):
            target = out / f"report-{lang}-{number}.png"
            shutil.move(page, target)
            written.append(target)
    return written


def small(png: Path) -> None:
    """Rewrite ``png`` with a 256-colour palette (a full page is about a third the size;
    the report's flat colours look the same)."""
    from PIL import Image

    with Image.open(png) as image:
        quantized = image.convert("RGB").quantize(colors=256)
    quantized.save(png, optimize=True)


def html_shots(htmls: dict[str, Path], out: Path) -> list[Path]:
    """Each HTML file as Chromium shows it 1280 px wide, the whole page:
    report-<lang>-html.png."""
    from playwright.sync_api import sync_playwright

    exe = report.chromium()
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": 900})
            for lang, html in htmls.items():
                page.goto(html.resolve().as_uri())
                target = out / f"report-{lang}-html.png"
                page.screenshot(path=str(target), full_page=True)
                small(target)
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write the pictures; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("comparison_dir", type=Path, help="an `orgsim compare` directory")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "report-screenshots",
                        help="directory for the PNGs (default outputs/report-screenshots)")
    parser.add_argument("--question", help="the MT's question (as `orgsim report`)")
    args = parser.parse_args(argv)
    missing = [tool for tool, found in (("chromium", report.chromium()),
                                        ("pdftoppm", shutil.which("pdftoppm"))) if not found]
    if missing:
        print(f"error: {' and '.join(missing)} not installed — needed for the pictures",
              file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        htmls = {}
        for lang in LANGS:
            html = Path(tmp) / f"report_{lang}.html"
            extra = ["--question", args.question] if args.question else []
            code = report.main([str(args.comparison_dir), "--lang", lang, "--out", str(html),
                                "--pdf", *extra])
            if code != 0:
                return code
            written += pdf_pages(html.with_suffix(".pdf"), args.out, lang)
            htmls[lang] = html
        written += html_shots(htmls, args.out)
    print(f"wrote {len(written)} pictures to {args.out}: "
          + ", ".join(p.name for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
