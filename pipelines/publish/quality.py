"""quality.json: every release carries its scores on the gold texts among its own texts.

The gold texts are the development texts (`eval/gold/README.md`), so the figures are labelled as an
optimistic bound; a release none of whose texts has gold answers says so instead of publishing zeros.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pipelines.evaluate import evaluate_release, quality_summary
from pipelines.publish.files import file_facts
from pipelines.publish.release import Companion, ReleaseContext, write_json_atomic


def quality_companion(gold_dir: Path) -> Companion:
    """Score the release being written; with no gold folder (e.g. an installed wheel) say so instead."""

    def write_quality(ctx: ReleaseContext) -> Mapping[str, Mapping[str, object]]:
        if not any(gold_dir.glob("*.json")):
            quality: dict[str, object] = {
                "gold_set": None,
                "texts": [],
                "note": f"no gold answers in {gold_dir.name}/",
                "overall_f1": None,
            }
        else:
            quality = quality_summary(evaluate_release(ctx.folder, gold_dir), gold_dir)
        ctx.manifest["quality"] = quality
        path = ctx.folder / "quality.json"
        write_json_atomic(path, quality)
        return {path.name: file_facts(path)}

    return write_quality
