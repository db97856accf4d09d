"""Assets, grouped by stage: parse, extract, publish."""
