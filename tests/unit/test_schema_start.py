"""Building the table schemas does not import dask.dataframe (about 1 s of every build's start)."""

import subprocess
import sys

import pytest

SCRIPT = """
import sys
from schemas.registry import TABLES
for model in TABLES.values():
    model.to_schema().validate  # every schema built, as a build does
print("dask.dataframe" in sys.modules)
import dask.dataframe
print(dask.dataframe.DataFrame.__name__)
"""


def test_schemas_are_built_without_importing_dask_dataframe_which_stays_importable():
    pytest.importorskip("dask.dataframe")
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "DataFrame"]
