"""Hydra search-path plugin of orgsim (see :mod:`.orgsim_presets`)."""
