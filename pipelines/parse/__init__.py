"""Bytes -> clean text, metadata, footnotes and sentences with offsets. No Dagster here."""
