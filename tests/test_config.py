"""Configuration: composition, validation and the error messages users see."""

from __future__ import annotations

import dataclasses
import inspect
import math
from pathlib import Path
from typing import Any

import pytest

from orgsim import Config, ConfigError, OrgModel, load_config
from orgsim.compose import to_config, validate
from orgsim.config import (
    CONFIG_DIR,
    HOME_ENV,
    ReturnToWork,
    available,
    describe,
    user_config_dir,
)

FAST = {"warmup_weeks": 0, "org.n_employees": 20}


def allowed(key: str) -> str:
    """The allowed range of a dotted key as the messages print it, from the field metadata."""
    obj: Any = Config()
    *parents, name = key.split(".")
    for part in parents:
        obj = getattr(obj, part)
    lo, hi = next(f for f in dataclasses.fields(obj) if f.name == name).metadata["range"]
    return f"[{lo}, {hi}]"




NUMERIC = [row for row in describe() if row["min"] is not None or row["max"] is not None]


# ---------------------------------------------------------------- composition
def test_load_config_defaults_and_overrides() -> None:
    cfg = load_config()
    assert isinstance(cfg, Config)
    assert cfg.scenario == "baseline"
    cfg = load_config(["scenario=baseline", "org.n_employees=57", "demands.workload=0.9"])
    assert cfg.org.n_employees == 57
    assert cfg.demands.workload == 0.9


def test_load_config_matches_schema_defaults() -> None:
    """`orgsim` (load_config) and `OrgModel()` (schema defaults) run the same baseline."""
    assert load_config() == Config()


def test_available_groups() -> None:
    assert "baseline" in available("scenario")
    assert available("org")


def test_every_parameter_has_range_and_meaning() -> None:
    for row in NUMERIC:
        assert row["meaning"], row["key"]
        assert row["min"] is not None and row["max"] is not None, row["key"]
        # optional parameters (None: not given, e.g. org.survey_absence_pct) have a range too
        assert row["value"] is None or row["min"] <= row["value"] <= row["max"], row["key"]
    validate(Config())


# ---------------------------------------------------------------- out of range
@pytest.mark.parametrize(
    ("override", "key"),
    [("demands.workload=-0.5", "demands.workload"),  # negative workload
     ("resources.autonomy=1.5", "resources.autonomy"),  # a share > 1
     ("people.caregiver_share=1.01", "people.caregiver_share"),
     ("org.n_employees=1", "org.n_employees"),
     ("seed=-1", "seed")],
)
def test_load_config_out_of_range_names_key_and_range(override: str, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_config([override])
    msg = str(err.value)
    assert key in msg and allowed(key) in msg
    assert "\n" not in msg


def with_value(key: str, value: Any) -> Config:
    cfg = Config()
    *parents, name = key.split(".")
    obj: Any = cfg
    for part in parents:
        obj = getattr(obj, part)
    setattr(obj, name, value)
    return cfg


@pytest.mark.parametrize("row", NUMERIC, ids=[r["key"] for r in NUMERIC])
def test_every_field_out_of_range_is_rejected(row: dict[str, Any]) -> None:
    """validate() (used by load_config, OrgModel and the CLI) checks every numeric field."""
    key = row["key"]
    is_int = isinstance(row["value"], int)
    too_high = row["max"] + 1 if is_int else row["max"] * 2 + 1.0
    too_low = row["min"] - 1 if is_int else row["min"] - 0.5
    for bad in (too_high, too_low):
        with pytest.raises(ConfigError) as err:
            validate(with_value(key, bad))
        msg = str(err.value)
        assert msg.startswith(f"{key} = ") and allowed(key) in msg


@pytest.mark.parametrize(("key", "value"), [("demands.workload", -0.5),
                                            ("resources.autonomy", 1.5),
                                            ("hiring.vacancy_weeks", 0.5),
                                            ("absence.reintegration_weeks", 0)])
def test_model_overrides_out_of_range_names_key_and_range(key: str, value: Any) -> None:
    with pytest.raises(ConfigError) as err:
        OrgModel(overrides={**FAST, key: value})
    assert key in str(err.value) and allowed(key) in str(err.value)


def test_nan_is_rejected() -> None:
    with pytest.raises(ConfigError, match=r"params\.drain_rate.*nan.*\[0, 1\]"):
        OrgModel(overrides={**FAST, "params.drain_rate": math.nan})


def test_invalid_config_object_rejected() -> None:
    cfg = Config()
    cfg.demands.workload = -1.0
    with pytest.raises(ConfigError, match=r"demands\.workload"):
        OrgModel(config=cfg)
    with pytest.raises(ConfigError, match=r"demands\.workload"):
        OrgModel.from_config(cfg, rng=1)


# ---------------------------------------------------------------- unknown names
def test_unknown_scenario_lists_choices() -> None:
    with pytest.raises(ConfigError) as err:
        load_config(["scenario=no_such_scenario"])
    msg = str(err.value)
    assert "scenario" in msg and "no_such_scenario" in msg
    for choice in available("scenario"):
        assert choice in msg


def test_unknown_org_lists_choices() -> None:
    with pytest.raises(ConfigError) as err:
        load_config(["org=no_such_org"])
    msg = str(err.value)
    assert "org" in msg and "no_such_org" in msg
    for choice in available("org"):
        assert choice in msg


def test_unknown_scenario_rejected_by_model_overrides() -> None:
    """Bug: only load_config checked `scenario`; OrgModel(overrides=...)/to_config accepted
    an unknown scenario name silently."""
    with pytest.raises(ConfigError) as err:
        OrgModel(overrides={**FAST, "scenario": "no_such_scenario"})
    msg = str(err.value)
    assert "scenario" in msg and "no_such_scenario" in msg
    for choice in available("scenario"):
        assert choice in msg
    with pytest.raises(ConfigError, match="no_such_scenario"):
        to_config({"scenario": "no_such_scenario"})


@pytest.mark.parametrize("override", ["foo=1", "foo.bar=1", "demands.foo=1", "+foo=1"])
def test_load_config_unknown_key(override: str) -> None:
    key = override.lstrip("+").partition("=")[0]
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_config([override])


@pytest.mark.parametrize("key", ["foo", "demands.foo", "params.no_such_param"])
def test_model_overrides_unknown_key(key: str) -> None:
    with pytest.raises(ConfigError, match=rf"{key.replace('.', r'\.')}: unknown"):
        OrgModel(overrides={**FAST, key: 1})


def test_to_config_unknown_key() -> None:
    with pytest.raises(ConfigError, match="nonsense"):
        to_config({"demands": {"nonsense": 1}})


# ---------------------------------------------------------------- wrong types
@pytest.mark.parametrize(("key", "value"), [("org.n_employees", "abc"),
                                            ("org.n_employees", 2.5),
                                            ("org.n_employees", True),
                                            ("demands.workload", "high"),
                                            ("demands", 3),
                                            ("org", "no_such_org")])
def test_model_wrong_type_names_key(key: str, value: Any) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        OrgModel(overrides={**FAST, key: value})


@pytest.mark.parametrize("override", ["org.n_employees=abc", "demands.workload=abc",
                                      "org.n_employees=2.5"])
def test_load_config_wrong_type_names_key(override: str) -> None:
    key = override.partition("=")[0]
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_config([override])


@pytest.mark.parametrize(("key", "value"), [("org.n_employees", "abc"),
                                            ("demands.workload", "high")])
def test_load_config_wrong_type_message_has_range(key: str, value: str) -> None:
    """Bug: a wrong type gave 'Error merging override org.n_employees=abc' (no range)."""
    with pytest.raises(ConfigError) as err:
        load_config([f"{key}={value}"])
    msg = str(err.value)
    assert key in msg and allowed(key) in msg and "\n" not in msg


@pytest.mark.parametrize(("key", "value"), [("org.n_employees", "abc"),
                                            ("org.n_employees", 2.5),
                                            ("demands.workload", "high")])
def test_model_wrong_type_message_has_range(key: str, value: object) -> None:
    """Bug: a wrong type gave OmegaConf's 'could not be converted to Integer' (no range)."""
    with pytest.raises(ConfigError) as err:
        OrgModel(overrides={**FAST, key: value})
    msg = str(err.value)
    assert key in msg and allowed(key) in msg and "\n" not in msg


@pytest.mark.parametrize("rng", [-1, "3", 2.0, True])
def test_bad_seed_rejected(rng: Any) -> None:
    with pytest.raises(ConfigError, match="rng"):
        OrgModel(rng=rng, overrides=FAST)


# ---------------------------------------------------------------- enums
def test_return_to_work_enum_accepted() -> None:
    model = OrgModel(overrides={**FAST, "absence.return_to_work": ReturnToWork.RELATIONAL})
    assert ReturnToWork(model.config.absence.return_to_work) is ReturnToWork.RELATIONAL


def test_return_to_work_bad_value_names_key_and_choices() -> None:
    with pytest.raises(ConfigError) as err:
        OrgModel(overrides={**FAST, "absence.return_to_work": "sometimes"})
    assert "absence.return_to_work" in str(err.value)
    assert "RELATIONAL" in str(err.value).upper()


def test_return_to_work_documented_value() -> None:
    """The documented spelling (ReturnToWork values, describe(), docs/ODD.md) works.

    Bug: `absence.return_to_work=relational` was rejected; only the enum NAME was accepted.
    """
    cfg = load_config(["absence.return_to_work=relational"])
    assert ReturnToWork(cfg.absence.return_to_work) is ReturnToWork.RELATIONAL
    model = OrgModel(overrides={**FAST, "absence.return_to_work": "relational"})
    assert ReturnToWork(model.config.absence.return_to_work) is ReturnToWork.RELATIONAL


# ---------------------------------------------------------------- construction defaults
def test_every_init_argument_has_a_default() -> None:
    params = list(inspect.signature(OrgModel.__init__).parameters.values())[1:]
    assert params
    for p in params:
        assert p.default is not inspect.Parameter.empty, p.name


def test_orgmodel_without_arguments_builds_the_baseline() -> None:
    model = OrgModel()
    assert model.config == Config()
    assert model.workforce.size == Config().org.n_employees
    assert model.week == 0


def test_user_presets_are_found_after_the_shipped_ones(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``$ORGSIM_HOME/configs`` is on orgsim's search path: a user's org preset is listed
    and composes; a shipped name is not shadowed by a user file of the same name."""
    org = tmp_path / "configs" / "org"
    org.mkdir(parents=True)
    shipped = (CONFIG_DIR / "org" / "municipality.yaml").read_text()
    (org / "my_client.yaml").write_text(shipped.replace("name: municipality", "name: my client"))
    (org / "municipality.yaml").write_text(shipped.replace("name: municipality", "name: fake"))
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    assert user_config_dir() == tmp_path / "configs"
    assert "my_client" in available("org") and "my_client" not in available("org", user=False)
    assert load_config(["org=my_client"]).org.name == "my client"
    assert load_config(["org=municipality"]).org.name == "municipality"
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "elsewhere"))
    with pytest.raises(ConfigError, match="org='my_client' is unknown"):
        load_config(["org=my_client"])


@pytest.mark.parametrize(("override", "message"), [
    ("warmup_weeks=inf", "warmup_weeks = 'inf' must be a whole number — give one in [0, 1040]"),
    ("params.drain_rate=nan", "params.drain_rate = 'nan' must be a number — give one in"),
    ("demands.workload=-inf", "demands.workload = '-inf' must be a number — give one in [0, 3]"),
])
def test_non_finite_values_get_the_range_message(override: str, message: str) -> None:
    with pytest.raises(ConfigError) as exc:
        load_config([override])
    assert message in str(exc.value)
