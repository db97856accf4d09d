"""`pipelines build | evaluate | releases | prune | docs`: the command line over the same Dagster job the UI shows."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
import types
import typing
from collections.abc import Sequence
from pathlib import Path

from pipelines import settings


class UsageError(Exception):
    """A mistake in what the user asked for: printed as one line, exit status 2, no traceback."""


class Parser(argparse.ArgumentParser):
    """argparse with its errors on one line (it prints the usage first), pointing at --help instead."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def path_argument(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty path")
    return value


def at_least_one(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a whole number of at least 1 (the latest release is never removed)"
        )
    return number


def folder(path: Path, what: str, hint: str) -> Path:
    """The folder `path`, or a UsageError naming it and what to do."""
    if not path.exists():
        raise UsageError(f"{what} {path} does not exist: {hint}")
    if not path.is_dir():
        raise UsageError(f"{what} {path} is a file, not a folder: {hint}")
    return path


def not_a_file(path: Path, what: str) -> Path:
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {path} is a file, not a folder: pass another --outputs")
    return path


def _use_paths(args: argparse.Namespace) -> None:
    """Flags win over the environment; both reach the Dagster definitions through the environment."""
    if getattr(args, "raw", None):
        os.environ[settings.RAW_DIR_VARIABLE] = str(Path(args.raw).resolve())
    if getattr(args, "outputs", None):
        os.environ[settings.OUTPUTS_DIR_VARIABLE] = str(Path(args.outputs).resolve())
    os.environ.setdefault("DAGSTER_HOME", str(settings.PROJECT_ROOT))


def import_spacy_without_its_cli() -> None:
    """spaCy's `__init__` imports its command line (for `spacy.info`), and with it weasel, typer and
    httpx: a third of `import spacy`, which a build never uses. spaCy is imported with placeholders for
    `spacy.cli` and `spacy.cli.info` (whose `info` calls the real one); the real command line is
    importable again right after."""
    if "spacy" in sys.modules:
        return
    placeholder = types.ModuleType("spacy.cli")
    placeholder.__path__ = []  # a package, as spacy.cli is
    info_placeholder = types.ModuleType("spacy.cli.info")

    def info(*args: typing.Any, **kwargs: typing.Any) -> typing.Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    info_placeholder.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = placeholder, info_placeholder
    try:
        importlib.import_module("spacy")
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (placeholder, info_placeholder):
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is placeholder:
            delattr(spacy, "cli")


def build(args: argparse.Namespace) -> int:
    default_raw = settings.raw_dir()  # the default corpus: what a plain `pipelines build` reads
    _use_paths(args)
    if args.workers is not None:
        os.environ[settings.WORKERS_VARIABLE] = str(args.workers)
    folder(settings.raw_dir(), "raw folder", "create it, or pass --raw (or set $PIPELINES_RAW_DIR)")
    not_a_file(settings.outputs_dir(), "outputs folder")
    import_spacy_without_its_cli()
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

    outputs = folder(
        settings.outputs_dir(), "outputs folder", "run `pipelines build` first, or pass --outputs"
    )
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

    outputs = folder(
        settings.outputs_dir(), "outputs folder", "pass --outputs (or set $PIPELINES_OUTPUTS_DIR)"
    )
    if not (outputs / "versions.json").exists():
        raise UsageError(f"no releases in {outputs}: nothing to prune")
    try:
        removed = prune_releases(outputs, args.keep, warn=lambda note: print(f"warning: {note}"))
    except (FolderBusy, OutputsInTheWay) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"removed {len(removed)} release(s)" + "".join(f"\n  {r}" for r in removed))
    return 0


def evaluate(args: argparse.Namespace) -> int:
    _use_paths(args)
    from pipelines.evaluate import evaluate_release, format_report

    gold = folder(Path(args.gold), "gold folder", "pass --gold with a folder of gold *.json answers")
    if not any(gold.glob("*.json")):
        raise UsageError(f"no gold *.json answers in {gold}: pass --gold with a folder of gold answers")
    hint = "pass --release, or build one with `pipelines build`"
    release = folder(
        Path(args.release) if args.release else settings.outputs_dir() / "latest", "release", hint
    )
    if args.json:
        folder(Path(args.json).resolve().parent, "folder for --json", "create it or write elsewhere")
    report = evaluate_release(release, gold)
    if not report["texts"]:
        raise UsageError(
            f"none of the {len(report['gold_texts_not_in_release'])} gold texts in {gold} is in {release}: "
            "pass --gold with answers for this release's texts"
        )
    print(format_report(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


def docs(args: argparse.Namespace) -> int:
    from pipelines.publish.dictionary import data_dictionary
    from schemas.registry import TABLES

    target = Path(args.output)
    if target.is_dir():
        raise UsageError(f"--output {target} is a folder: pass a file name, e.g. docs/data-dictionary.md")
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
    root = Parser(prog="pipelines", description=__doc__)
    commands = root.add_subparsers(
        dest="command", required=True, metavar="{build,releases,prune,evaluate,docs}"
    )
    raw = Parser(add_help=False)
    raw.add_argument(
        "--raw", type=path_argument, help=f"raw texts folder (default: ${settings.RAW_DIR_VARIABLE} or raw/)"
    )
    outputs = Parser(add_help=False)
    outputs.add_argument(
        "--outputs",
        type=path_argument,
        help=f"releases folder (default: ${settings.OUTPUTS_DIR_VARIABLE} or outputs/)",
    )
    building = commands.add_parser(
        "build", parents=[raw, outputs], help="parse, extract, validate and publish a release"
    )
    building.add_argument(
        "--force", action="store_true", help="publish even when nothing changed since latest"
    )
    building.add_argument(
        "--allow-empty",
        action="store_true",
        help="publish a raw folder that holds no texts (an empty release)",
    )
    building.add_argument(
        "--workers",
        type=int,
        help=f"processes parsing new or changed documents (default: ${settings.WORKERS_VARIABLE}, else up to the cores)",
    )
    building.set_defaults(run=build)
    commands.add_parser("releases", parents=[outputs], help="list published releases").set_defaults(
        run=releases
    )
    pruning = commands.add_parser("prune", parents=[outputs], help="remove old releases")
    pruning.add_argument(
        "--keep", type=at_least_one, required=True, help="how many of the newest releases to keep (1 or more)"
    )
    pruning.set_defaults(run=prune)
    scoring = commands.add_parser("evaluate", parents=[outputs], help="score a release against gold answers")
    scoring.add_argument("--gold", type=path_argument, default=str(settings.GOLD_DIR), help="gold folder")
    scoring.add_argument("--release", type=path_argument, help="release folder (default: outputs/latest)")
    scoring.add_argument("--json", type=path_argument, help="also write the figures to this JSON file")
    scoring.set_defaults(run=evaluate)
    documenting = commands.add_parser("docs", help="write docs/data-dictionary.md from the schemas")
    documenting.add_argument("--output", type=path_argument, default="docs/data-dictionary.md")
    documenting.add_argument("--check", action="store_true", help="fail if the file is out of date")
    documenting.set_defaults(run=docs)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"pipelines {args.command}: error: {error}", file=sys.stderr)
        return 2


def run() -> typing.NoReturn:
    """The `pipelines` command: `main`, then the exit status, without Python's teardown of the heap. A
    build leaves hundreds of thousands of objects (the corpus, its tables, the spaCy pipeline, Dagster's
    modules) that the interpreter freed one by one at exit: 1.5-2 s after the summary was printed, when
    everything was written, closed and released already. Output is flushed first; an exception
    propagates as usual."""
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
