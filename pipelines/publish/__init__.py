"""Tables -> validated, immutable releases (Parquet, CSV, manifest). No Dagster here."""
