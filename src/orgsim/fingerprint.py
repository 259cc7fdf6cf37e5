"""Fingerprints: what a run's results were made from, so that a resume or a report never
mixes runs of different configurations.

A fingerprint is ``{"config_sha256", "orgsim_version", "model_version"}``:

- ``config_sha256``: SHA-256 of the fully composed, validated :class:`~orgsim.config.Config`
  of the run as canonical JSON (``dataclasses.asdict``, sorted keys), the contents of the
  org and scenario presets included (an org imported again with ``orgsim import-survey
  --force`` changes it), the ``seed`` left out (the seed names the run, it is not a
  setting: every seed of one scenario shares the fingerprint);
- ``orgsim_version``: :data:`orgsim.__version__`;
- ``model_version``: :data:`MODEL_VERSION`.

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


def fingerprint(cfg: Config) -> dict[str, str]:
    """The fingerprint of a run of ``cfg`` (see the module docstring)."""
    return {"config_sha256": config_hash(cfg), "orgsim_version": orgsim.__version__,
            "model_version": MODEL_VERSION}


def difference(old: Any, new: dict[str, str]) -> str | None:
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
    if old.get("config_sha256") != new["config_sha256"]:
        return ("its configuration differs from what the command line composes to now (an "
                "org or scenario preset changed, e.g. re-imported with --force, or other "
                "overrides)")
    return None
