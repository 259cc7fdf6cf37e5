"""Diagnostics of a posterior ensemble (docs/calibration.md, "Parameter uncertainty").

Usage:
    python scripts/posterior_diagnostics.py                       # the shipped ensemble
    python scripts/posterior_diagnostics.py --ensemble outputs/posterior/ensemble
    python scripts/posterior_diagnostics.py --img docs/img --json docs/posterior_checks.json

Writes the identification table, the posterior predictive check of every calibration target
(``--sets`` parameter sets drawn by weight x ``--seeds`` seeds; baseline with the survey,
+10% workload, the four sector presets) and the figures ``posterior_marginals.png``,
``posterior_pairs.png`` and ``posterior_ppc.png``, into ``--out`` (default
outputs/posterior/diagnostics; ``--img``/``--json`` to regenerate the committed ones on
purpose), and prints both tables as Markdown.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from orgsim.calibration import ensemble  # noqa: E402
from orgsim.calibration import posterior_checks as pc  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ensemble", help="ensemble directory (default: the shipped one)")
    parser.add_argument("--sets", type=int, default=40)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--weeks", type=int, default=260)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default="outputs/posterior/diagnostics")
    parser.add_argument("--img", help="directory for the figures (default: --out)")
    parser.add_argument("--json", help="file for the tables (default: --out/checks.json)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    img = Path(args.img or out)
    ens = ensemble.load(args.ensemble)
    ident = pc.identification(ens)
    pc.plot_marginals(ens, img / "posterior_marginals.png")
    pc.plot_pairs(ens, path=img / "posterior_pairs.png")
    start = time.process_time()
    per_set, summary = pc.predictive_check(ens, args.sets, args.seeds, args.weeks, args.seed,
                                           args.jobs)
    note = f" ({args.sets} sets x {args.seeds} seeds)"
    pc.plot_predictive(summary, img / "posterior_ppc.png", note)
    print("| parameter | prior | posterior mean [90% interval] | sd / prior sd | |")
    print("|---|---|---|---|---|")
    for r in ident.itertuples():
        print(f"| `{r.parameter}` | {r.prior_lo:g} – {r.prior_hi:g} | {r.mean:.3g} "
              f"[{r.q05:.3g}, {r.q95:.3g}] | {r.sd_ratio:.2f} | {r.verdict} |")
    print()
    print("| target | band | simulated mean [90% interval] | sets inside the band | |")
    print("|---|---|---|---|---|")
    for r in summary.itertuples():
        flag = "mean inside" if r.mean_inside else ("covered" if r.covered else "MISS")
        print(f"| `{r.target}` | {r.lo:g} to {r.hi:g} | {r.mean:.3g} [{r.q05:.3g}, "
              f"{r.q95:.3g}] | {100 * r.share_inside:.0f}% | {flag} |")
    n_in, n_cov = int(summary["mean_inside"].sum()), int(summary["covered"].sum())
    print(f"\n{n_in} of {len(summary)} targets have the predictive mean inside the band, "
          f"{n_cov} a 90% interval that overlaps it (main-process CPU "
          f"{time.process_time() - start:.0f} s; the runs were in worker processes)")
    result = {"ensemble": ens.source, "ensemble_sha256": ens.sha256(), "sets": args.sets,
              "seeds": args.seeds, "weeks": args.weeks, "seed": args.seed,
              "identification": ident.to_dict(orient="records"),
              "predictive": summary.to_dict(orient="records")}
    Path(args.json or out / "checks.json").write_text(
        json.dumps(result, indent=1, allow_nan=True) + "\n", encoding="utf-8")
    per_set.to_csv(out / "predictive_per_set.csv", index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
