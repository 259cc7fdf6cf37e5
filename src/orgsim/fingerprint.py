"""Fingerprints: what a run's results were made from, so that a resume or a report never
mixes runs of different configurations.

A fingerprint is ``{"config_sha256", "orgsim_version", "model_version"}``:

- ``config_sha256``: SHA-256 of the fully composed, validated :class:`~orgsim.config.Config`
  of the run as canonical JSON (``dataclasses.asdict``, sorted keys), the contents of the
  org and scenario presets included (an org imported again with ``orgsim import-survey
  --force`` changes it), the ``seed`` left out (the seed names the run, it is not a
  setting: every seed of one scenario shares the fingerprint);
- ``orgsim_version``: :data:`orgsim.__version__`;
- ``model_version``: :data:`MODEL_VERSION`;
- with ``orgsim compare params=posterior`` two more keys: ``param_set`` (the index of the
  run's parameter set in the ensemble; its values are in the configuration, and so in
  ``config_sha256``) and ``ensemble_sha256`` (:meth:`orgsim.calibration.ensemble.Ensemble.
  sha256`). A run made with ``params=point`` has neither, so the two are never mixed.

``orgsim compare`` writes one into every run directory (``fingerprint.json``, before the
run's ``summary.json``) and one per scenario into ``meta.json``; a resume reuses a finished
run only if its fingerprint equals what the command line composes to now, and ``orgsim
report`` refuses a comparison whose runs do not all match its ``meta.json``
(docs/experiments.md, "Resume and fingerprints").
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

import orgsim
from orgsim.config import Config

#: Version of the model's behaviour. Bump it in the commit that changes simulated results on
#: purpose (a new mechanism, a recalibration, a fixed bug that changes numbers; the golden
#: files in tests/golden change with it): comparisons made before can then no longer be
#: resumed or reported as if they were made by the new model.
MODEL_VERSION = "2"

#: The file of a run's fingerprint, next to its summary.json.
FINGERPRINT = "fingerprint.json"


def config_hash(cfg: Config) -> str:
    """SHA-256 (hex) of ``cfg`` as canonical JSON, without its seed."""
    data = dataclasses.asdict(cfg)
    data.pop("seed", None)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str,
                      allow_nan=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(cfg: Config, param_set: int | None = None,
                ensemble_sha256: str | None = None) -> dict[str, Any]:
    """The fingerprint of a run of ``cfg`` (see the module docstring); ``param_set`` and
    ``ensemble_sha256`` for a run of a parameter set of an ensemble."""
    out: dict[str, Any] = {"config_sha256": config_hash(cfg),
                           "orgsim_version": orgsim.__version__, "model_version": MODEL_VERSION}
    if param_set is not None:
        out.update(param_set=int(param_set), ensemble_sha256=ensemble_sha256)
    return out


def difference(old: Any, new: dict[str, Any]) -> str | None:
    """What differs between a stored fingerprint ``old`` (None or malformed when missing)
    and ``new``, in words; None when they are equal."""
    if not isinstance(old, dict):
        return "it has no fingerprint (made by an older orgsim)"
    if old.get("model_version") != new["model_version"]:
        return (f"it was made by model version {old.get('model_version')}, this orgsim has "
                f"model version {new['model_version']}")
    if old.get("orgsim_version") != new["orgsim_version"]:
        return (f"it was made by orgsim {old.get('orgsim_version')}, this is orgsim "
                f"{new['orgsim_version']}")
    if ("param_set" in old) != ("param_set" in new):
        made, now = (("params=posterior", "params=point") if "param_set" in old
                     else ("params=point", "params=posterior"))
        return f"it was made with {made}, this command uses {now}"
    if old.get("ensemble_sha256") != new.get("ensemble_sha256"):
        return "it was made with another parameter ensemble (ensemble_sha256 differs)"
    if old.get("param_set") != new.get("param_set"):
        return (f"it was made with parameter set {old.get('param_set')}, this command gives "
                f"its seed set {new.get('param_set')}")
    if old.get("config_sha256") != new["config_sha256"]:
        return ("its configuration differs from what the command line composes to now (an "
                "org or scenario preset changed, e.g. re-imported with --force, or other "
                "overrides)")
    return None
