"""`pipelines build | evaluate | releases | prune | docs`: the command line over the same Dagster job the UI shows."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from pipelines import settings


def _use_paths(args: argparse.Namespace) -> None:
    """Flags win over the environment; both reach the Dagster definitions through the environment."""
    if getattr(args, "raw", None):
        os.environ[settings.RAW_DIR_VARIABLE] = str(Path(args.raw).resolve())
    if getattr(args, "outputs", None):
        os.environ[settings.OUTPUTS_DIR_VARIABLE] = str(Path(args.outputs).resolve())
    os.environ.setdefault("DAGSTER_HOME", str(settings.PROJECT_ROOT))


def build(args: argparse.Namespace) -> int:
    default_raw = settings.raw_dir()  # the default corpus: what a plain `pipelines build` reads
    _use_paths(args)
    from pipelines.build import run_build  # imports Dagster: only when building

    started = time.monotonic()
    outcome = run_build(
        progress=lambda line: print(line, flush=True),
        force=args.force,
        allow_empty=args.allow_empty,
        default_raw=default_raw,
    )
    elapsed = time.monotonic() - started
    print()
    print(outcome.summary(elapsed))
    return outcome.status


def releases(args: argparse.Namespace) -> int:
    _use_paths(args)
    from pipelines.publish.release import list_releases

    outputs = settings.outputs_dir()
    rows = list_releases(outputs)
    if not rows:
        print(f"no releases in {outputs}")
        return 0
    latest = (outputs / "latest").resolve().name if (outputs / "latest").exists() else None
    for row in rows:
        marker = "*" if row["release_id"] == latest else " "
        total = sum(row["rows"].values())
        print(f"{marker} {row['release_id']}  built {row['built_at']}  {total} rows")
    return 0


def prune(args: argparse.Namespace) -> int:
    _use_paths(args)
    from pipelines.publish.lock import FolderBusy
    from pipelines.publish.release import OutputsInTheWay, prune_releases

    try:
        removed = prune_releases(
            settings.outputs_dir(), args.keep, warn=lambda note: print(f"warning: {note}")
        )
    except (FolderBusy, OutputsInTheWay) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"removed {len(removed)} release(s)" + "".join(f"\n  {r}" for r in removed))
    return 0


def evaluate(args: argparse.Namespace) -> int:
    _use_paths(args)
    from pipelines.evaluate import evaluate_release, format_report

    release = Path(args.release) if args.release else settings.outputs_dir() / "latest"
    report = evaluate_release(release, Path(args.gold))
    print(format_report(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


def docs(args: argparse.Namespace) -> int:
    from pipelines.publish.dictionary import data_dictionary
    from schemas.registry import TABLES

    target = Path(args.output)
    text = data_dictionary(TABLES)
    if args.check:
        if not target.exists() or target.read_text() != text:
            print(f"{target} is out of date: run `pipelines docs`")
            return 1
        print(f"{target} is up to date")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    print(f"wrote {target}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="pipelines", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    paths = argparse.ArgumentParser(add_help=False)
    paths.add_argument("--raw", help=f"raw texts folder (default: ${settings.RAW_DIR_VARIABLE} or raw/)")
    paths.add_argument(
        "--outputs", help=f"releases folder (default: ${settings.OUTPUTS_DIR_VARIABLE} or outputs/)"
    )
    building = commands.add_parser(
        "build", parents=[paths], help="parse, extract, validate and publish a release"
    )
    building.add_argument(
        "--force", action="store_true", help="publish even when nothing changed since latest"
    )
    building.add_argument(
        "--allow-empty",
        action="store_true",
        help="publish a raw folder that holds no texts (an empty release)",
    )
    building.set_defaults(run=build)
    commands.add_parser("releases", parents=[paths], help="list published releases").set_defaults(
        run=releases
    )
    pruning = commands.add_parser("prune", parents=[paths], help="remove old releases")
    pruning.add_argument("--keep", type=int, required=True, help="how many of the newest releases to keep")
    pruning.set_defaults(run=prune)
    scoring = commands.add_parser("evaluate", parents=[paths], help="score a release against gold answers")
    scoring.add_argument("--gold", default=str(settings.GOLD_DIR), help="gold folder")
    scoring.add_argument("--release", help="release folder (default: outputs/latest)")
    scoring.add_argument("--json", help="also write the figures to this JSON file")
    scoring.set_defaults(run=evaluate)
    documenting = commands.add_parser("docs", help="write docs/data-dictionary.md from the schemas")
    documenting.add_argument("--output", default="docs/data-dictionary.md")
    documenting.add_argument("--check", action="store_true", help="fail if the file is out of date")
    documenting.set_defaults(run=docs)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
