"""Experiments: scenarios x replications as a Hydra multirun, aggregated with confidence.

``orgsim compare scenario=baseline,focus replications=20`` (see :mod:`.compare` and
docs/experiments.md); :func:`load_results` reads what it wrote.
"""

from orgsim.experiments.aggregate import load_results
from orgsim.experiments.stats import compare_table, paired_difference, t_interval

__all__ = ["compare_table", "load_results", "paired_difference", "run_compare", "t_interval"]


def run_compare(opts: dict, overrides: list[str]) -> dict:  # type: ignore[type-arg]
    """Programmatic ``orgsim compare``: ``opts`` as returned by ``compare.parse``."""
    from orgsim.experiments.compare import run_compare as _run

    return _run(opts, overrides)
