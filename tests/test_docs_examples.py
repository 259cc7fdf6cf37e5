"""Every command example in README.md and docs/*.md runs, scaled down (issue 16).

The examples are taken mechanically from the shell code blocks (```bash, sh, shell, console)
of the pages: every line is a command (``\\`` continuations joined, ``# comments`` and a
``$`` prompt dropped). Each page's commands run in order in one temporary working directory
with its own ``ORGSIM_HOME`` (an ``orgsim report <comparison_dir>`` reads the comparison an
earlier line of the page made; an ``org=gemeente_voorbeeld`` the preset an earlier
``orgsim import-survey`` wrote), scaled down:

- ``orgsim ...`` (a run, ``-m`` multirun, every subcommand) in-process through
  :func:`orgsim.cli.main`: small organisation and horizon, two replications, the sequential
  launcher (``launcher=ray``/``slurm`` examples run with ``launcher=basic``: no cluster
  here), fewer seeds and calibration steps (:data:`SCALE`);
- ``orgsim app ...`` as a server process on a free port: it must answer (it prints
  ``open http://...`` only once the page answers), then it is stopped;
- ``make <target>``: the target's recipe lines from the Makefile, run as above;
- ``python <script> ...`` in-process (``runpy``), with the script's scaled-down options;
- ``export K=V`` and ``K=V command`` set the variable for the rest of the page.

Relative paths land in the temporary directory; repository files named as inputs
(``examples/example_survey.csv``) are read from the repository; the test checks that the
repository's files are unchanged afterwards. A new example in a page runs automatically;
the lines that are not run are listed in :data:`NOT_RUN`, each with its reason (and, where
Chromium is not installed, the lines that need it: ``--pdf``, the report pictures; with a
warning). The pages' ```python blocks run as written.
"""

from __future__ import annotations

import contextlib
import os
import re
import runpy
import shlex
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from orgsim import cli, report
from orgsim.app.serve import free_port
from orgsim.calibration import ensemble
from orgsim.compose import load_config
from orgsim.config import HOME_ENV

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL_BLOCKS = {"bash", "sh", "shell", "console", "zsh"}

#: The example lines that are not run (the command as extracted -> why). Keep it small: a
#: line listed here that no page has any more fails the test.
NOT_RUN = {
    "make test": "lint and the whole test suite, this test included",
    "make quick": "the whole fast test suite",
    "make calibrate": "1-2 minutes, and it rewrites committed files on purpose "
                      "(docs/calibration_results.json, tables in docs/calibration.md, README)",
    "source .venv/bin/activate": "shell set-up (the tests already run in the venv)",
    "pip install -e .[ray]": "installation",
    "pip install -e .[slurm]": "installation",
    "ray start --head --num-cpus 8": "starts a Ray cluster node",
    "make posterior": "the whole calibration (~3,800 CPU seconds), and it rewrites the "
                      "shipped ensemble on purpose (tests/test_posterior.py runs the command "
                      "end to end at a tiny size)",
}

#: Placeholders in the examples -> what the test uses. ``<comparison_dir>``: the directory of
#: the page's last ``orgsim compare``; ``...``: "the rest of the command" (a comparison
#: without scenarios gets two).
FILES = {"client_survey.csv": "examples/example_survey.csv",
         "survey.csv": "examples/example_survey.csv"}
#: Placeholders for an ensemble directory: one the test writes (four parameter sets).
ENSEMBLE_DIRS = {"path/to/ensemble_dir"}

#: Run before a page's examples: what the page takes as done.
SETUP = {
    # "org=client: a client imported with `orgsim import-survey --name client`"
    "docs/app.md": ["orgsim import-survey examples/example_survey.csv --name client "
                    "--seeds 1 --iterations 0"],
}

#: The scaled-down settings, per program: ``key=value`` overrides and ``--option value``
#: pairs replace the example's own (or are added).
SMALL_ORG = ["org.n_employees=30", "org.team_size=5"]
SCALE: dict[str, list[str]] = {
    "orgsim": ["weeks=30", "warmup_weeks=4"],
    "orgsim compare": ["replications=2", "launcher=basic", "progress=false", "weeks=30",
                       "warmup_weeks=4"],
    "orgsim demo": ["--seeds", "2"],
    # --force: a page may show the same import twice (with other options)
    "orgsim import-survey": ["--seeds", "1", "--iterations", "1", "--force"],
    "scripts/posterior_diagnostics.py": ["--sets", "2", "--seeds", "1", "--weeks", "8",
                                         "--jobs", "1"],
    "studies/sensitivity.py": ["--n-employees", "20", "--weeks", "10", "--warmup", "0",
                               "--trajectories", "2", "--sobol-n", "2", "--jobs", "1"],
}
#: Added to an ``orgsim import-survey`` that conditions an ensemble on the survey (given
#: one, or the shipped one by default; not with ``--no-ensemble``).
ENSEMBLE_SCALE = ["--ensemble-sets", "4", "--ensemble-seeds", "2"]
#: Dropped from a comparison example (the launcher's parallelism; the output directory is
#: set by the test).
COMPARE_DROPPED = frozenset({"n_jobs", "outdir"})
#: What an app server gets to answer (seconds; a loaded 2-core machine).
APP_TIMEOUT = 240


@dataclass(frozen=True)
class Example:
    """One command line of a page."""

    page: str
    line: int
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.text}"


def blocks(path: Path) -> Iterator[tuple[str, int, list[str]]]:
    """The fenced code blocks of a Markdown page: (language, first line number, lines)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r"\s*(```+)\s*([\w+-]*)", lines[i])
        if fence is None:
            i += 1
            continue
        start, body = i + 2, []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence.group(1)):
            body.append(lines[i])
            i += 1
        i += 1
        yield fence.group(2).lower(), start, body


def examples(path: Path) -> list[Example]:
    """The command lines of the page's shell blocks."""
    found = []
    page = path.relative_to(ROOT).as_posix()
    for language, start, body in blocks(path):
        if language not in SHELL_BLOCKS:
            continue
        i = 0
        while i < len(body):
            first, text = i, body[i]
            while text.rstrip().endswith("\\") and i + 1 < len(body):
                i += 1
                text = text.rstrip()[:-1] + " " + body[i]
            i += 1
            words = shlex.split(re.sub(r"^\s*\$\s+", "", text), comments=True)
            if words:
                found.append(Example(page, start + first, tuple(words)))
    return found


ALL = [e for page in PAGES for e in examples(page)]
RUN_PAGES = sorted({e.page for e in ALL if e.text not in NOT_RUN})


def test_the_pages_have_examples_of_every_kind() -> None:
    texts = [e.text for e in ALL]
    for start in ("orgsim compare", "orgsim report", "orgsim import-survey", "orgsim app",
                  "orgsim seed=", "orgsim -m", "make demo", "python studies/"):
        assert any(t.startswith(start) for t in texts), start
    assert len(ALL) >= 35


def test_every_line_not_run_is_still_in_a_page() -> None:
    """The allow-list holds only lines the pages have (a changed line is run again)."""
    assert set(NOT_RUN) <= {e.text for e in ALL}


def test_commands_outside_shell_blocks_would_be_seen() -> None:
    """A command in a block without a shell language would be skipped: every block that
    is not a shell block holds output, code or diagrams, not a command line (label such a
    block ```bash)."""
    command = re.compile(r"\s*(\$\s+)?(orgsim|make|python3?|pip)(\s+[^\s:]+)*\s*(#.*)?$")
    for page in PAGES:
        for language, start, body in blocks(page):
            if language in SHELL_BLOCKS or language in ("python", "mermaid"):
                continue
            for offset, text in enumerate(body):
                assert not command.match(text), (
                    f"{page.name}:{start + offset}: a command in a ```{language} block; "
                    "label the block ```bash so that tests/test_docs_examples.py runs it")


# -- running ---------------------------------------------------------------------------


@dataclass
class Page:
    """One page's run: its working directory and what earlier lines left behind."""

    work: Path
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]
    compare_dir: Path | None = None
    n_compare: int = 0
    n_runs: int = 0
    apps: list[tuple[str, subprocess.Popen[str], Path]] = field(default_factory=list)


def options_of(tokens: list[str]) -> dict[str, str | None]:
    """The ``--option [value]`` of ``tokens`` (an option not followed by a value: a flag)."""
    out: dict[str, str | None] = {}
    for i, token in enumerate(tokens):
        if token.startswith("-"):
            value = tokens[i + 1] if i + 1 < len(tokens) else None
            out[token] = None if value is None or value.startswith("-") else value
    return out


def scaled(args: list[str], scale: list[str], drop: frozenset[str] = frozenset()) -> list[str]:
    """``args`` with the ``key=value``, ``--option value`` and ``--flag`` of ``scale``
    replacing theirs (and the keys in ``drop`` removed)."""
    options = options_of(scale)
    keys = {s.partition("=")[0] for s in scale if "=" in s and not s.startswith("-")}
    out, i = [], 0
    while i < len(args):
        arg = args[i]
        if arg in options:
            i += 1 if options[arg] is None else 2
            continue
        if not arg.startswith("-") and arg.partition("=")[0] in keys | drop:
            i += 1
            continue
        out.append(arg)
        i += 1
    return [*out, *scale]


def known(scale: list[str], help_text: str) -> list[str]:
    """The ``--options`` of ``scale`` that ``help_text`` names (older and newer versions of
    a command take different ones), with their values; ``key=value`` items as they are."""
    options = options_of(scale)
    out, i = [], 0
    while i < len(scale):
        token = scale[i]
        width = 1 if not token.startswith("-") or options[token] is None else 2
        if not token.startswith("-") or re.search(rf"{re.escape(token)}\b", help_text):
            out += scale[i:i + width]
        i += width
    return out


def has_teams(overrides: list[str]) -> bool:
    """Whether the chosen organisation preset has explicit teams (an imported client: its
    size is the sum of their headcounts and cannot be set)."""
    return bool(load_config([o for o in overrides if o.startswith("org=")]).org.teams)


def small_ensemble(path: Path) -> Path:
    """A posterior ensemble of four parameter sets (``orgsim.calibration.ensemble``)."""
    import pandas as pd

    table = pd.DataFrame({"params.drain_rate": [0.015, 0.02, 0.025, 0.03]})
    return ensemble.write(path, table, [1.0] * len(table), {"method": "docs example test"})


def resolve(words: list[str], page: Page) -> list[str]:
    """Placeholders replaced; repository files named as inputs made absolute."""
    out = []
    for word in words:
        if word == "<comparison_dir>":
            assert page.compare_dir is not None, "no `orgsim compare` before this line"
            word = str(page.compare_dir)
        elif re.fullmatch(r"<[\w-]+>", word):
            raise AssertionError(f"unknown placeholder {word}: add it to the test")
        elif word == "...":
            continue
        elif word in ENSEMBLE_DIRS:
            word = str(small_ensemble(page.work / "ensemble"))
        word = FILES.get(word, word)
        if not Path(word).is_absolute() and "=" not in word and (ROOT / word).is_file():
            word = str(ROOT / word)
        out.append(word)
    return out


def run_orgsim(args: list[str], page: Page) -> str:
    """``orgsim <args>`` scaled down, in-process (``orgsim app``: a server process)."""
    sub = args[0] if args and args[0] in cli.SUBCOMMANDS else ""
    rest = args[1:] if sub else args
    simulates = sub == "" and not {"--help", "-h", "--cfg", "-c", "--info",
                                   "--hydra-help"} & set(rest)
    if sub == "app":
        start_app(rest, page)
        return ""
    if sub == "compare":
        if not any(a.startswith("scenario=") for a in rest):
            rest = [*rest, "scenario=baseline,focus"]  # "..." stood for them
        page.n_compare += 1
        page.compare_dir = page.work / f"compare_{page.n_compare}"
        small = [*SCALE["orgsim compare"], *([] if has_teams(rest) else SMALL_ORG)]
        rest = [*scaled(rest, small, COMPARE_DROPPED), f"outdir={page.compare_dir}"]
    elif simulates:  # each run (sweep) in its own directory (Hydra's are per second)
        page.n_runs += 1
        key = "hydra.sweep.dir" if "-m" in rest or "--multirun" in rest else "hydra.run.dir"
        outdir = page.work / f"run_{page.n_runs}"
        rest = scaled(rest, [*SCALE["orgsim"], *([] if has_teams(rest) else SMALL_ORG),
                             f"{key}={outdir}"])
    elif f"orgsim {sub}" in SCALE:
        scale = SCALE[f"orgsim {sub}"]
        if sub == "import-survey" and "--no-ensemble" not in rest and (
                "--ensemble" in rest or "--from-ensemble" in rest
                or (ensemble.shipped_path() / ensemble.CSV).is_file()):
            scale = [*scale, *ENSEMBLE_SCALE]
        rest = scaled(rest, known(scale, help_of(sub, page)))
    argv = [sub, *rest] if sub else rest
    page.monkeypatch.setattr(sys, "argv", ["orgsim"])
    code: object = 0
    try:
        cli.main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = page.capsys.readouterr()
    assert code in (0, None), f"`orgsim {' '.join(argv)}` exited {code}: {err[-2000:]}"
    if simulates:
        assert list(outdir.rglob("summary.json")), "the run wrote no results"
    return out


def help_of(sub: str, page: Page) -> str:
    """What ``orgsim <sub> --help`` prints."""
    page.capsys.readouterr()
    with contextlib.suppress(SystemExit):
        cli.main([sub, "--help"])
    return page.capsys.readouterr().out


def start_app(args: list[str], page: Page) -> None:
    """Start ``orgsim app <args>`` (a fixed ``--port`` replaced by a free one)."""
    if "--port" in args:
        args = scaled(args, ["--port", str(free_port())])
    log = page.work / f"app_{len(page.apps)}.log"
    with log.open("w") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "orgsim.cli", "app", *args],
                                cwd=page.work, stdout=handle, stderr=subprocess.STDOUT,
                                text=True)
    page.apps.append((" ".join(args), proc, log))


def await_apps(page: Page) -> list[str]:
    """Wait until every started app server answers (then stop it); the failures."""
    failures = []
    deadline = time.monotonic() + APP_TIMEOUT
    for args, proc, log in page.apps:
        try:
            while "orgsim app: open http" not in log.read_text():
                if proc.poll() is not None or time.monotonic() > deadline:
                    failures.append(f"orgsim app {args}: did not answer: {log.read_text()}")
                    break
                time.sleep(0.5)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return failures


def make_recipe(target: str) -> list[list[str]]:
    """The recipe lines of a Makefile target, as commands (``$(VENV)/bin/x`` -> x, ``$(PY)``
    -> python)."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    heads = [i for i, line in enumerate(lines) if re.match(rf"{re.escape(target)}\s*:", line)]
    assert heads, f"make {target}: no such target in the Makefile"
    recipe = []
    for line in lines[heads[0] + 1:]:
        if not line.startswith("\t"):
            break
        text = line.strip().replace("$(VENV)/bin/", "").replace("$(PY)", "python")
        assert "$" not in text and ";" not in text, (
            f"make {target}: `{text}` cannot be run by the test; add the example to NOT_RUN")
        recipe.append(shlex.split(text.lstrip("@")))
    return recipe


def run_python(args: list[str], page: Page) -> None:
    """``python <script> <args>`` in-process, scaled down."""
    script = Path(args[0])
    name = script.relative_to(ROOT).as_posix() if script.is_absolute() else args[0]
    rest = scaled(args[1:], SCALE[name]) if name in SCALE else args[1:]
    page.monkeypatch.setattr(sys, "argv", [str(script), *rest])
    code: object = 0
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as exc:
        code = exc.code
    _, err = page.capsys.readouterr()
    assert code in (0, None), f"`python {name} {' '.join(rest)}` exited {code}: {err[-2000:]}"


def run(words: list[str], page: Page) -> None:
    """One example line (or recipe line) of a page."""
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):  # K=V command
        key, _, value = words.pop(0).partition("=")
        page.monkeypatch.setenv(key, value)
    program, args = words[0], resolve(list(words[1:]), page)
    if program.endswith("orgsim"):
        run_orgsim(args, page)
    elif program == "make":
        for target in args:
            for recipe in make_recipe(target):
                run(recipe, page)
    elif program in ("python", "python3"):
        run_python(args, page)
    elif program == "export":
        for assignment in args:
            key, _, value = assignment.partition("=")
            page.monkeypatch.setenv(key, value)
    else:
        raise AssertionError(f"{program}: the test cannot run it; run it in the test or add "
                             "the example to NOT_RUN with the reason")


def repository_state() -> str:
    """``git status`` of the repository (what the examples must not change)."""
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.mark.slow  # a page's examples in turn, a few seconds each
@pytest.mark.parametrize("page_name", RUN_PAGES)
def test_every_example_of_the_page_runs(page_name: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    monkeypatch.delenv("HYDRA_FULL_ERROR", raising=False)
    page = Page(work, monkeypatch, capsys)
    state = repository_state()
    failures = []
    try:
        for line in SETUP.get(page_name, []):
            run(shlex.split(line), page)
        for example in (e for e in ALL if e.page == page_name and e.text not in NOT_RUN):
            if report.chromium() is None and any(w == "--pdf" or w.endswith(
                    "report_screenshots.py") for w in example.words):
                warnings.warn(f"{example}: not run, Chromium is not installed", stacklevel=1)
                continue
            try:
                run(list(example.words), page)
            except Exception as exc:  # noqa: BLE001 - every example's failure is reported
                failures.append(f"{example}\n    {type(exc).__name__}: {exc}")
    finally:
        failures += await_apps(page)
    assert not failures, "\n".join(failures)
    assert repository_state() == state, "an example changed the repository"
    assert os.environ.get(HOME_ENV) == str(tmp_path / "home")


#: The pages' ```python blocks: (page, first line, code).
PYTHON_BLOCKS = [(page.relative_to(ROOT).as_posix(), start, "\n".join(body))
                 for page in PAGES for language, start, body in blocks(page)
                 if language == "python"]


@pytest.mark.slow  # a small organisation simulated for a year
@pytest.mark.parametrize("page_name, line, code", PYTHON_BLOCKS,
                         ids=[f"{p}:{n}" for p, n, _ in PYTHON_BLOCKS])
def test_every_python_example_runs(page_name: str, line: int, code: str, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A ```python block of a page runs as written (in a temporary working directory)."""
    monkeypatch.chdir(tmp_path)
    state = repository_state()
    exec(compile(code, f"{page_name}:{line}", "exec"), {"__name__": "__doc_example__"})
    assert repository_state() == state, "the example changed the repository"
