"""Entities, dates, agreements and events from parsed documents. No Dagster here."""
