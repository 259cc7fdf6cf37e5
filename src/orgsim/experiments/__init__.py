"""Experiments: scenarios x replications as a Hydra multirun, aggregated with confidence.

``orgsim compare scenario=baseline,focus replications=20`` (see :mod:`.compare` and
docs/experiments.md); :func:`load_results` reads what it wrote.
"""

from orgsim.experiments.aggregate import load_results
from orgsim.experiments.stats import compare_table, paired_difference, t_interval

__all__ = ["compare_table", "load_results", "paired_difference", "t_interval"]
