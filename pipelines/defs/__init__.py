"""Dagster wiring only: assets call the pure functions of parse, extract and publish."""
