"""Hydra config group (YAML files)."""
