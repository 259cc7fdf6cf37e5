"""Ready-made experiment: every intervention scenario against the baseline, in one comparison.

    python studies/interventions.py                    # all scenarios, 10 seeds, 200 x 156
    python studies/interventions.py --replications 20 --weeks 260 --org healthcare_ward
    python studies/interventions.py --quick            # 2 seeds, 60 positions, 52 weeks

A thin wrapper around ``orgsim compare`` (docs/experiments.md): the same files, resumable,
common random numbers; prints the headline table. Extra ``key=value`` arguments are passed
on as config overrides.
"""

from __future__ import annotations

import argparse
import sys

from orgsim.config import available
from orgsim.experiments.compare import main as compare


def scenarios() -> list[str]:
    """The baseline first, then every other scenario."""
    return ["baseline"] + [s for s in available("scenario") if s != "baseline"]


def build_args(ns: argparse.Namespace, extra: list[str]) -> list[str]:
    """The ``orgsim compare`` arguments for these options."""
    if ns.quick:
        ns.replications, ns.weeks, ns.n_employees = 2, 52, 60
    args = [f"scenario={','.join(ns.scenarios or scenarios())}",
            f"replications={ns.replications}", f"n_jobs={ns.n_jobs}", f"weeks={ns.weeks}",
            f"org={ns.org}", f"org.n_employees={ns.n_employees}", *extra]
    if ns.outdir:
        args.append(f"outdir={ns.outdir}")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--weeks", type=int, default=156)
    parser.add_argument("--n-employees", type=int, default=200)
    parser.add_argument("--org", default="typical_dutch", choices=available("org"))
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--scenarios", nargs="*", help="default: all scenarios")
    parser.add_argument("--outdir", default=None)
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    ns, extra = parser.parse_known_args(argv)
    return compare(build_args(ns, extra))


if __name__ == "__main__":
    sys.exit(main())
