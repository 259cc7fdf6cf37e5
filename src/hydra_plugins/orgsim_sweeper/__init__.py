"""Hydra sweeper plugin of orgsim (see :mod:`.orgsim_sweeper`)."""
