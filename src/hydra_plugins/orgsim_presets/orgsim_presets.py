"""The user's own presets (``$ORGSIM_HOME/configs``) on Hydra's search path.

``orgsim import-survey`` writes a client's organisation as ``configs/org/<name>.yaml`` in the
user's orgsim directory (:func:`orgsim.config.user_config_dir`), not into the installed
package: an upgrade or a fresh clone keeps it, and the package's own files stay as shipped.
This plugin appends that directory to the search path of orgsim's configuration (and of no
other Hydra app), after the shipped configs, so ``org=<name>`` finds it in ``orgsim``, in
``orgsim compare`` and in :func:`orgsim.compose.load_config`.
"""

from hydra.core.config_search_path import ConfigSearchPath
from hydra.plugins.search_path_plugin import SearchPathPlugin


class OrgsimUserPresets(SearchPathPlugin):
    """Appends ``file://<user config dir>`` when the primary config is orgsim's."""

    def manipulate_search_path(self, search_path: ConfigSearchPath) -> None:
        from orgsim.config import CONFIG_DIR, user_config_dir

        def orgsims(path: str) -> bool:  # file://<dir>, <dir> (initialize_config_dir), pkg://
            path = path.rstrip("/")
            return (path.removeprefix("file://") == str(CONFIG_DIR)
                    or path in ("pkg://orgsim.configs", "pkg://orgsim/configs"))

        if any(orgsims(str(e.path)) for e in search_path.get_path()):
            search_path.append(provider="orgsim-user", path=f"file://{user_config_dir()}")
