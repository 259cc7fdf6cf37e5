"""The posterior ensemble's file format: written sets read back exactly; bad files refused."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from orgsim.calibration import ensemble


def _table() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame({"params.drain_rate": rng.uniform(0.016, 0.03, 5),
                         "params.min_sick_weeks": [4.0, 7.0, 13.0, 8.0, 5.0],
                         "demands.workload": rng.uniform(0.6, 0.8, 5) / 3})


def test_round_trip_is_exact(tmp_path):
    table = _table()
    ensemble.write(tmp_path, table, [1, 1, 2, 0, 1], {"seed": 1, "method": "test"})
    ens = ensemble.load(tmp_path)
    assert len(ens) == 5 and ens.keys == list(table.columns)
    np.testing.assert_array_equal(ens.table.to_numpy(), table.to_numpy())
    np.testing.assert_allclose(ens.weights, [0.2, 0.2, 0.4, 0.0, 0.2])
    assert ens.meta == {"seed": 1, "method": "test"}
    over = ens.overrides(2)
    assert over[1] == "params.min_sick_weeks=13"
    assert float(over[0].split("=")[1]) == table["params.drain_rate"][2]  # repr round-trips
    assert ens.sha256() == ensemble.load(tmp_path).sha256()
    ensemble.write(tmp_path, table, [1, 1, 1, 1, 1], {})
    assert ensemble.load(tmp_path).sha256() != ens.sha256()


@pytest.mark.parametrize("mangle, message", [
    (lambda d: d.drop(columns="weight"), "expected columns"),
    (lambda d: d.assign(set=[0, 1, 2, 4, 3]), "count 0, 1"),
    (lambda d: d.assign(weight=[1, -1, 1, 1, 1]), "finite"),
    (lambda d: d.iloc[:0], "at least one row"),
])
def test_malformed_files_are_refused(tmp_path, mangle, message):
    ensemble.write(tmp_path, _table(), np.ones(5), {})
    data = pd.read_csv(tmp_path / ensemble.CSV)
    mangle(data).to_csv(tmp_path / ensemble.CSV, index=False)
    with pytest.raises(ensemble.EnsembleError, match=message):
        ensemble.load(tmp_path)


def test_missing_directory_names_the_file_and_the_fix(tmp_path):
    with pytest.raises(ensemble.EnsembleError, match=r"ensemble.csv: not found.*make posterior"):
        ensemble.load(tmp_path / "nowhere")
    (tmp_path / ensemble.CSV).write_text("set,weight,a\n0,1,0.5\n")
    (tmp_path / ensemble.META).write_text(json.dumps({}))
    assert len(ensemble.load(tmp_path)) == 1


def test_resample_follows_the_weights_and_is_deterministic():
    table = pd.DataFrame({"a": [0.0, 1.0, 2.0, 3.0]})
    w = np.array([0.5, 0.25, 0.25, 0.0])
    out = ensemble.resample(table, w, 400, seed=7)
    counts = out["a"].value_counts().to_dict()
    assert counts == {0.0: 200, 1.0: 100, 2.0: 100}  # systematic: exact to one row
    assert out["a"].is_monotonic_increasing  # rows keep the table's order
    pd.testing.assert_frame_equal(out, ensemble.resample(table, w, 400, seed=7))
    odd = ensemble.resample(table, [1, 1, 1, 0], 10, seed=1)["a"].value_counts()
    assert sorted(odd.tolist()) == [3, 3, 4] and 3.0 not in odd.index
    with pytest.raises(ensemble.EnsembleError, match="weights"):
        ensemble.resample(table, [1, -1, 1, 1], 4, seed=0)


def test_equal_weights(tmp_path):
    ensemble.write(tmp_path, _table(), np.ones(5), {})
    assert ensemble.equal_weights(ensemble.load(tmp_path))
    ensemble.write(tmp_path, _table(), [1, 1, 2, 1, 1], {})
    assert not ensemble.equal_weights(ensemble.load(tmp_path))
