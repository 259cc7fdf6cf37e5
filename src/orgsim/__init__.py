"""orgsim: agent-based simulation of organisational energy dynamics (JD-R on Mesa).

The names below are imported on first use (PEP 562), so ``import orgsim.config`` or the
``orgsim`` command's start does not load Mesa, pandas and the engine until they are needed
(a parallel sweep's main process never needs them).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orgsim.agents import Employee, Leader
    from orgsim.compose import load_config
    from orgsim.config import Config, ConfigError
    from orgsim.model import OrgModel
    from orgsim.state import Role, Status

#: public name -> module that defines it
_WHERE = {"Employee": "orgsim.agents", "Leader": "orgsim.agents", "Config": "orgsim.config",
          "ConfigError": "orgsim.config", "load_config": "orgsim.compose",
          "OrgModel": "orgsim.model", "Role": "orgsim.state", "Status": "orgsim.state"}

__all__ = ["Config", "ConfigError", "Employee", "Leader", "OrgModel", "Role", "Status",
           "load_config"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'orgsim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
