"""Where the raw texts are read from and releases written to."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines import settings


class PipelinePaths(dg.ConfigurableResource):
    raw_dir: str
    outputs_dir: str

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def outputs(self) -> Path:
        return Path(self.outputs_dir)


def default_paths() -> PipelinePaths:
    return PipelinePaths(raw_dir=str(settings.raw_dir()), outputs_dir=str(settings.outputs_dir()))
