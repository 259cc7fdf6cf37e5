"""How responsive the workshop app is: ``python -m orgsim.app.bench [--employees 300]``.

Times, per simulated week, the parts of a play frame on the server: the model step, the team
grid (tiles and hover texts), the charts (PNG), and a whole page update as Solara does it
(clicking Step in a rendered page, without a browser). Prints medians in milliseconds.
Not a test: numbers depend on the machine (docs/app.md lists measured ones).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import ipyvuetify as v
import solara

from orgsim.app.app import Page, hover_text
from orgsim.app.controller import RunLabel, Settings, Workshop
from orgsim.app.plots import ChartBoard
from orgsim.logs import quiet_mesa


def _median_ms(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orgsim.app.bench")
    parser.add_argument("--employees", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    quiet_mesa()
    settings = Settings(n_employees=args.employees, horizon=520)
    ws = Workshop(settings)
    ws.step(20)
    describe = hover_text("en")
    board = ChartBoard("en", ["A"], None, settings.horizon)
    series = {k.value: ts for k, ts in ws.timeseries().items()}
    rows = {
        "model step (1 week)": _median_ms(lambda: ws.step(1), args.repeat),
        "team grid + hover texts": _median_ms(lambda: ws.teams_view(RunLabel.A, describe),
                                              args.repeat),
        "charts PNG": _median_ms(lambda: board.render(series, []), args.repeat),
    }
    _box, rc = solara.render(Page(initial=settings), handle_error=False)
    (step,) = [w for w in rc.find(v.Btn).widgets if w.class_ == "og-step"]
    step.click()
    rows["whole page: Step click (step + render)"] = _median_ms(step.click, args.repeat)
    rc.close()
    print(f"orgsim app responsiveness, {args.employees} employees (median of {args.repeat}):")
    for name, ms in rows.items():
        print(f"  {name:42s} {ms:8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
