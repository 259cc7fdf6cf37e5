"""The organisation is the client's, the futures vary (issue 16): ``org_seed`` draws the
organisation (people, team levels, network) apart from the run's seed."""

from __future__ import annotations

import numpy as np

from orgsim import OrgModel, load_config
from orgsim.organisation import initial_workforce


def _org(model: OrgModel) -> list[np.ndarray]:
    return [model.teams.workload, model.teams.role_ambiguity, model.workforce.trait_resources,
            model.workforce.task_share, model._src, model._dst]


def test_a_fixed_org_seed_gives_every_future_the_same_organisation() -> None:
    cfg = load_config(["org.n_employees=60", "warmup_weeks=0", "org_seed=0"])
    a, b = OrgModel(cfg, rng=1), OrgModel(cfg, rng=2)
    for x, y in zip(_org(a), _org(b), strict=True):
        assert np.array_equal(x, y)
    a.run_for(30)
    b.run_for(30)
    assert not a.timeseries().equals(b.timeseries())  # the futures differ
    other = OrgModel(load_config(["org.n_employees=60", "warmup_weeks=0", "org_seed=7"]),
                     rng=1)
    assert not np.array_equal(other.teams.workload, a.teams.workload)


def test_an_empty_org_seed_draws_the_organisation_from_the_run_seed() -> None:
    cfg = load_config(["org.n_employees=60", "warmup_weeks=0"])
    assert cfg.org_seed is None  # the model's default: as before org_seed existed
    a, b = OrgModel(cfg, rng=1), OrgModel(cfg, rng=2)
    assert not np.array_equal(a.teams.workload, b.teams.workload)
    # as before org_seed existed: from the main stream (Mesa's generator of the seed)
    ws, teams, _ = initial_workforce(cfg, np.random.default_rng(1))
    assert np.array_equal(teams.workload, a.teams.workload)
    assert np.array_equal(ws.trait_resources, a.workforce.trait_resources)


def test_compare_fixes_the_organisation_unless_told_otherwise() -> None:
    from orgsim.experiments.compare import parse

    _, common = parse(["scenario=baseline,focus"])
    assert common == ["org_seed=0"]
    opts, common = parse(["scenario=baseline,focus", "org_seed=null", "weeks=52"])
    assert common == ["org_seed=null", "weeks=52"]
    default, _ = parse(["scenario=baseline,focus"])
    assert default["outdir"].endswith("baseline_focus_r20")  # the default org: no hash
