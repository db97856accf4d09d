"""The corpus-level values are pickles in the instance's storage, read back from memory only while the
file is the one this process wrote or read."""

from __future__ import annotations

import os
import pickle

import dagster as dg
import pandas as pd
import pytest

from pipelines.defs.io import CorpusIOManager

KEY = dg.AssetKey("sentences")


def write(manager: CorpusIOManager, value: object) -> None:
    manager.handle_output(dg.build_output_context(asset_key=KEY), value)


def read(manager: CorpusIOManager) -> object:
    return manager.load_input(dg.build_input_context(asset_key=KEY))


def test_a_value_is_stored_as_a_pickle_and_read_back_as_the_object_written(tmp_path):
    manager = CorpusIOManager(tmp_path)
    value = pd.DataFrame({"sentence_id": ["d1:s0001"]})
    write(manager, value)
    assert pickle.loads((tmp_path / "sentences").read_bytes()).equals(value)
    assert read(manager) is value
    assert not list(tmp_path.glob("*.tmp"))


def test_a_file_written_by_another_process_is_read_from_the_file(tmp_path):
    manager = CorpusIOManager(tmp_path)
    write(manager, pd.DataFrame({"sentence_id": ["d1:s0001"]}))
    newer = pd.DataFrame({"sentence_id": ["d2:s0001", "d2:s0002"]})
    temporary = tmp_path / "elsewhere.tmp"
    temporary.write_bytes(pickle.dumps(newer))
    os.replace(temporary, tmp_path / "sentences")  # as another build's step would
    assert read(manager).equals(newer)


def test_a_value_never_written_is_an_error_naming_the_asset(tmp_path):
    with pytest.raises(FileNotFoundError, match="sentences has no stored value"):
        read(CorpusIOManager(tmp_path))
