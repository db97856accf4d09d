"""One pandera model per published table: the single source of column types, docs and checks."""
