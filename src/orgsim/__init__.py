"""orgsim: agent-based simulation of organisational energy dynamics (JD-R on Mesa)."""

from orgsim.agents import Employee, Leader
from orgsim.config import Config, ConfigError, load_config
from orgsim.model import OrgModel
from orgsim.state import Role, Status

__all__ = ["Config", "ConfigError", "Employee", "Leader", "OrgModel", "Role", "Status",
           "load_config"]
__version__ = "0.1.0"
