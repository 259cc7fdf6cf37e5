"""Store the model side of the BAT/UWES score link (orgsim.scales) from the calibrated baseline.

Usage:
    python scripts/link_scales.py              # 8 seeds x 52 weeks, writes the link file
    python scripts/link_scales.py --check      # compare a fresh run; exit 1 if they differ

Run it after every recalibration of the defaults. tests/test_scales.py compares the stored
percentiles with a small fresh baseline run, but seed noise hides small changes (a drain
rate 15% lower goes unnoticed), so do not rely on the test alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import numpy as np

from orgsim.files import atomic_write_text
from orgsim.logs import quiet_mesa
from orgsim.scales import LINKS_FILE, NORMS, PROBS, link, reference_quantiles

#: Largest difference of a stored percentile (10th-90th) from a fresh run accepted by --check.
CHECK_TOLERANCE = 0.03


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args(argv)
    quiet_mesa()
    seeds = list(range(args.seeds))
    fresh = reference_quantiles(seeds, weeks=args.weeks)
    if args.check:
        stored = json.loads(LINKS_FILE.read_text(encoding="utf-8"))["quantiles"]
        worst = 0.0
        for name, q in fresh.items():
            diff = np.abs(np.array(q) - np.array(stored[name]))[10:90]  # tails are noisy
            worst = max(worst, float(diff.max()))
            print(f"{name}: largest |fresh - stored| difference (percentiles 10-90) "
                  f"{diff.max():.4f}")
        if worst > CHECK_TOLERANCE:
            print(f"differs by more than {CHECK_TOLERANCE}: rerun without --check")
            return 1
        return 0
    data = {
        "about": "Percentiles of latent levels in the calibrated baseline, for orgsim.scales "
                 "(equipercentile link to BAT/UWES norms). Written by scripts/link_scales.py.",
        "seeds": seeds, "weeks": args.weeks, "probs": list(PROBS), "quantiles": fresh,
    }
    atomic_write_text(LINKS_FILE, json.dumps(data, indent=1) + "\n")
    for name, q in fresh.items():
        scale = link(NORMS[name], np.array(q))
        probe = [0.1, 0.2, 0.3, 0.413, 0.5, 0.7] if name == "exhaustion" else [0.4, 0.6, 0.8]
        shown = ", ".join(f"{x:g} -> {float(scale.score(x)):.2f}" for x in probe)
        print(f"{scale.norm.label}: {shown}")
    print(f"wrote {LINKS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
