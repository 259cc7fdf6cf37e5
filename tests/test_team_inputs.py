"""The registry of team inputs (orgsim.team_inputs) and the places that read it."""

from __future__ import annotations

import dataclasses
import doctest

import numpy as np
import pytest

from orgsim import team_inputs
from orgsim.config import Config, TeamSpec
from orgsim.organisation import build_teams, team_layout
from orgsim.state import Teams
from orgsim.team_inputs import INPUTS, Variation

#: Teams arrays that are state, not inputs.
TEAM_STATE = {"leader_row", "positions", "workload_shock"}


def test_registry_is_consistent() -> None:
    assert team_inputs.problems() == []


def test_registry_check_finds_mistakes(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = dataclasses.replace(INPUTS[-1], default=2.0,
                              slider=team_inputs.Slider("demands", 0, 2, 1))
    monkeypatch.setattr(team_inputs, "INPUTS", (*INPUTS, bad))
    found = " | ".join(team_inputs.problems())
    assert "name is used twice" in found and "config key is used twice" in found
    assert "default 2.0 outside" in found and "slider range outside" in found


def test_docstring_examples() -> None:
    assert doctest.testmod(team_inputs).failed == 0


def test_lookup_names_the_known_inputs() -> None:
    assert team_inputs.get("lead_support").config_key == "leadership.support"
    assert team_inputs.bounds("parallel_priorities") == (1.0, 30.0)
    with pytest.raises(KeyError, match="not a team input"):
        team_inputs.get("no_such_level")


def test_every_input_has_its_config_field() -> None:
    """The organisation-wide config field of each input: default, range and meaning."""
    cfg = Config()
    for inp in INPUTS:
        section = getattr(cfg, inp.section)
        f = {f.name: f for f in dataclasses.fields(section)}[inp.key]
        assert getattr(section, inp.key) == inp.default, inp.name
        assert type(getattr(section, inp.key)) is type(inp.default), inp.name
        assert f.metadata["range"] == (inp.lo, inp.hi), inp.name
        assert f.metadata["doc"] == inp.meaning, inp.name
        assert team_inputs.org_value(cfg, inp.name) == inp.default


@pytest.mark.parametrize("section", ["demands", "resources", "leadership"])
def test_input_sections_hold_nothing_else(section: str) -> None:
    fields = [f.name for f in dataclasses.fields(getattr(Config(), section))]
    assert fields == [inp.key for inp in team_inputs.in_section(section)]


def test_team_spec_levels_are_the_per_team_inputs() -> None:
    levels = {f.name: f for f in dataclasses.fields(TeamSpec)}
    del levels["name"], levels["headcount"]
    assert set(levels) == {inp.name for inp in INPUTS if inp.per_team}
    for name, f in levels.items():
        inp = team_inputs.get(name)
        assert f.default is None
        assert f.metadata["range"] == (inp.lo, inp.hi), name


def test_teams_has_one_array_per_input() -> None:
    names = {f.name for f in dataclasses.fields(Teams)}
    assert names == set(team_inputs.names()) | TEAM_STATE


def test_teams_differ_as_registered() -> None:
    cfg = Config()
    cfg.org.team_variation = 0.2
    team, leader_row = team_layout(400, 10)
    teams = build_teams(cfg, team, leader_row, np.random.default_rng(3))
    for inp in INPUTS:
        values = getattr(teams, inp.name)
        assert len(values) == 40 and values.min() >= inp.lo and values.max() <= inp.hi
        if inp.variation is Variation.SAME:
            assert (values == inp.default).all(), inp.name
        else:
            assert values.std() > 0.05 * max(inp.default, 0.1), inp.name


def test_team_interventions_change_team_inputs() -> None:
    """What a team-level intervention changes is a team input (clipped to its range)."""
    from orgsim.interventions import KINDS

    for kind in KINDS.values():
        if kind.level == "team":
            assert set(kind.changes) <= set(team_inputs.names()), kind.name
