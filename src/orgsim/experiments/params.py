"""Parameter uncertainty in ``orgsim compare``: which parameter set each replication uses.

``params=point`` (the default) runs every replication with the one fitted parameter set of
the configuration (the defaults in ``orgsim.config`` and the presets): the intervals are
chance only. ``params=posterior`` draws ``param_sets`` = K parameter sets from the
posterior ensemble (:mod:`orgsim.calibration.ensemble`: the client's own for its org preset
when ``orgsim import-survey`` made one, else the shipped one; ``ensemble=<dir>`` for
another) and runs ``seeds_per_set`` = M seeds with each (nested design, K x M =
``replications``): replication r (seed ``first_seed + r``) uses the set of slot ``r // M``.
The sets are drawn without replacement by ``numpy.random.default_rng(first_seed).choice``
(deterministic): a simple random sample of the ensemble's rows, which are equally likely
draws from the posterior because ensembles are stored resampled to equal weights
(:func:`orgsim.calibration.ensemble.resample`; a set with a large weight appears in several
rows). An ensemble with unequal weights is refused: drawing its sets without replacement in
proportion to their weight and counting each once would not follow the posterior.
Every scenario uses the same (set, seed) pairs, so differences stay paired; the set's
values are config overrides applied after the command line's (an ensemble parameter also
given on the command line is refused).
docs/experiments.md, "Parameter uncertainty".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

#: The values of ``params=``; the default (docs/experiments.md: why point).
MODES = ("point", "posterior")
DEFAULT_MODE = "point"
#: Seeds per parameter set when ``param_sets`` is not given: the fewest that still let the
#: within-set (chance) variance be estimated, so the most sets for the replications
#: (:func:`default_sets`).
DEFAULT_SEEDS_PER_SET = 2
#: Config keys an ensemble may not vary: the printed table and the report count every run
#: with the costs, size and length of the reference's configuration.
FIXED_KEYS = ("costs.", "org.n_employees", "weeks", "seed", "org_seed", "scenario")


class ParamsError(ValueError):
    """A ``params``/``ensemble``/``param_sets`` choice that cannot be used (says why)."""


@dataclass(frozen=True)
class Design:
    """The parameter sets of a comparison.

    Attributes:
        mode: ``point`` or ``posterior``.
        sets: the ensemble index of each slot's parameter set (posterior; empty for point).
        seeds_per_set: M, seeds run with each set.
        first_seed: the first seed (replication 0).
        overrides: config overrides of each slot's set, in slot order.
        ensemble: where the ensemble was read from; ``ensemble_sha256``: its hash.
    """

    mode: str = "point"
    sets: tuple[int, ...] = ()
    seeds_per_set: int = 0
    first_seed: int = 0
    overrides: tuple[tuple[str, ...], ...] = ()
    ensemble: str = ""
    ensemble_sha256: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def posterior(self) -> bool:
        """True when replications use parameter sets of an ensemble."""
        return self.mode == "posterior"

    def slot(self, seed: int) -> int:
        """The slot (0..K-1) of the replication with ``seed``."""
        return (seed - self.first_seed) // self.seeds_per_set

    def set_of(self, seed: int) -> int | None:
        """The ensemble index of the parameter set of ``seed`` (None for point)."""
        return self.sets[self.slot(seed)] if self.posterior else None

    def record(self, seeds: list[int]) -> dict[str, Any]:
        """What meta.json records (``params``)."""
        if not self.posterior:
            return {"mode": "point"}
        return {"mode": "posterior", "ensemble": self.ensemble,
                "ensemble_sha256": self.ensemble_sha256, "param_sets": len(self.sets),
                "seeds_per_set": self.seeds_per_set, "sets": list(self.sets),
                "set_of_seed": {str(k): self.set_of(k) for k in seeds},
                "overrides": {str(i): list(o) for i, o in zip(self.sets, self.overrides,
                                                              strict=True)},
                "ensemble_meta": self.meta}


def default_sets(replications: int, usable: int) -> int | None:
    """The default number of parameter sets K for ``replications`` runs and an ensemble of
    ``usable`` sets: the most sets with at least :data:`DEFAULT_SEEDS_PER_SET` seeds each
    (M, the smallest such divisor of ``replications`` with 2 <= K <= ``usable``), so chance
    and parameters can be told apart; when no such split exists, one seed per set
    (K = ``replications``, no decomposition: docs/experiments.md). None: no split fits."""
    for m in range(DEFAULT_SEEDS_PER_SET, replications // 2 + 1):
        if replications % m == 0 and 2 <= replications // m <= usable:
            return replications // m
    return replications if 2 <= replications <= usable else None


def _org(overrides: list[str]) -> str:
    """The org preset the command line chooses (the last ``org=``), else the default."""
    chosen = [o.partition("=")[2] for o in overrides if o.partition("=")[0].lstrip("+") == "org"]
    return chosen[-1] if chosen else "typical_dutch"


def design(opts: dict[str, Any], overrides: list[str]) -> Design:
    """The parameter sets of a comparison (:class:`Design`) from ``opts`` (``params``,
    ``ensemble``, ``param_sets``, ``replications``, ``first_seed``) and the command line's
    config ``overrides`` (all of them, scoped ones included).

    Raises:
        ParamsError: no ensemble, a stale or unusable one, or sets that do not fit the
            replications; the message says what to do.
    """
    if opts.get("params", DEFAULT_MODE) == "point":
        return Design()
    from orgsim.calibration import ensemble as ens_mod
    where = opts.get("ensemble")
    try:
        ens = ens_mod.load(where) if where is not None else ens_mod.for_org(_org(overrides))
    except ens_mod.EnsembleError as exc:
        raise ParamsError(f"params=posterior needs a parameter ensemble: {exc} — give "
                          "ensemble=<dir>, or use params=point") from None
    try:
        ens_mod.check_current(ens)
    except ens_mod.EnsembleError as exc:
        raise ParamsError(f"params=posterior: {exc}; or give another ensemble=<dir>, or use "
                          "params=point") from None
    fixed = [k for k in ens.keys if k.startswith(FIXED_KEYS)]
    if fixed:
        raise ParamsError(f"ensemble {ens.source} varies {fixed[0]}, which must be the same "
                          "in every run of a comparison — remove that column")
    given = {o.partition("=")[0].rpartition(":")[2].lstrip("+~") for o in overrides}
    clash = [k for k in ens.keys if k in given]
    if clash:
        raise ParamsError(f"{clash[0]} is set on the command line and by every parameter set "
                          f"of the ensemble — drop {clash[0]}=..., or use params=point to fix "
                          "it")
    reps = int(opts["replications"])
    usable = int(np.count_nonzero(ens.weights > 0))
    k_sets = opts.get("param_sets")
    if k_sets is None:
        k_sets = default_sets(reps, usable)
        if k_sets is None:
            raise ParamsError(
                f"params=posterior with replications={reps}: the runs do not split into "
                f"2 to {usable} parameter sets (the ensemble's sets with weight > 0) of "
                "equal size — give param_sets=<a divisor of replications>, or other "
                "replications")
    else:
        k_sets = int(k_sets)
        if not 2 <= k_sets <= min(usable, reps):
            raise ParamsError(f"param_sets = {k_sets} is out of range; allowed [2, "
                              f"{min(usable, reps)}] (at most the replications and the "
                              f"{usable} sets of the ensemble with weight > 0)")
        if reps % k_sets:
            raise ParamsError(f"param_sets = {k_sets} does not divide replications = {reps} — "
                              "give replications = param_sets x seeds per set")
    rng = np.random.default_rng(int(opts["first_seed"]))
    sets = rng.choice(len(ens), size=k_sets, replace=False, p=ens.weights)
    chosen = tuple(int(i) for i in sets)
    return Design(mode="posterior", sets=chosen, seeds_per_set=reps // k_sets,
                  first_seed=int(opts["first_seed"]),
                  overrides=tuple(tuple(ens.overrides(i)) for i in chosen),
                  ensemble=str(Path(ens.source).resolve()), ensemble_sha256=ens.sha256(),
                  meta=dict(ens.meta))
