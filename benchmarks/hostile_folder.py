"""The robustness floor of issue #17: a raw folder of the seeds and hostile entries, built once.

    python benchmarks/hostile_folder.py [--work DIR] [--note-lines 50000] [--big-mb 20]

The folder holds the seeds, a text of `--note-lines` consecutive numbered note lines (~3.7 MB at
50,000), a `--big-mb` text (over the default per-document limit), a symlink loop, a 251-character
name and a dot-file. `pipelines build` of this checkout runs on it as a subprocess with a fresh
DAGSTER_HOME (build_scale's runner: wall time, peak RSS of the process tree). Floors: a release is
published in under 5 minutes with peak RSS under 2 GB, and every entry is a document or a reject.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_scale import PEAK_FLOOR_BYTES, mb, run_build  # noqa: E402

WALL_FLOOR_S = 300.0


def note_text(lines: int) -> str:
    """A title, a byline, one paragraph with a note marker, then a Notes heading and `lines` numbered
    notes, one per line."""
    notes = "\n".join(
        f'{n}. A. Author, "Security in Central Asia," Journal {n % 40}, no. {n % 12 + 1} (2007): {n % 300 + 1}.'
        for n in range(1, lines + 1)
    )
    return f"A TEXT OF MANY NOTES\n\nGiven Author\n\nKazakhstan joined the program in 1994.¹\n\nNotes\n\n{notes}\n"


def make_folder(raw: Path, note_lines: int, big_mb: float) -> list[str]:
    """The hostile raw folder; returns the names of its entries."""
    raw.mkdir(parents=True)
    for seed in sorted((ROOT / "raw").glob("*.txt")):
        shutil.copy(seed, raw / seed.name)
    (raw / "many_notes.txt").write_text(note_text(note_lines), encoding="utf-8")
    paragraph = (ROOT / "raw").glob("*.txt").__next__().read_text(encoding="utf-8")
    with (raw / "twenty_mb.txt").open("w", encoding="utf-8") as big:
        while big.tell() < big_mb * 1024**2:
            big.write(paragraph)
    (raw / "self.txt").symlink_to("self.txt")
    (raw / ("L" * 251 + ".txt")).write_text(
        "A LONG NAME\n\nKazakhstan joined NATO's program.\n", encoding="utf-8"
    )
    (raw / ".hidden.txt").write_text("A HIDDEN TEXT\n\nKazakhstan hosted an exercise.\n", encoding="utf-8")
    return sorted(p.name for p in raw.iterdir())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", default="/tmp/pipelines-hostile-folder", help="scratch folder (emptied)")
    parser.add_argument("--note-lines", type=int, default=50_000)
    parser.add_argument("--big-mb", type=float, default=20.0)
    args = parser.parse_args()

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    raw, outputs, home = work / "raw", work / "outputs", work / "home"
    home.mkdir(parents=True)
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    entries = make_folder(raw, args.note_lines, args.big_mb)
    print(f"raw folder: {len(entries)} entries in {raw}", flush=True)

    build = run_build(raw, outputs, home, work / "build.log")
    latest = outputs / "latest"
    accounted: set[str] = set()
    notes = 0
    if build["returncode"] == 0 and latest.exists():
        import pandas as pd

        documents = pd.read_parquet(latest / "documents.parquet")
        rejects = pd.read_parquet(latest / "rejects.parquet")
        accounted = set(documents["source_file"]) | set(rejects["source_file"])
        footnotes = pd.read_parquet(latest / "footnotes.parquet", columns=["doc_id"])
        notes = int((footnotes["doc_id"] == "many_notes").sum())
    missing = [e for e in entries if e not in accounted]

    wall_ok, peak_ok = build["wall_s"] < WALL_FLOOR_S, build["peak_tree_rss"] < PEAK_FLOOR_BYTES
    print()
    print("| measure | value | floor | ok |")
    print("|---|---:|---:|:---:|")
    print(f"| build exit code | {build['returncode']} | 0 | {'yes' if build['returncode'] == 0 else 'NO'} |")
    print(f"| wall time | {build['wall_s']:.1f} s | < {WALL_FLOOR_S:.0f} s | {'yes' if wall_ok else 'NO'} |")
    print(
        f"| peak RSS, process tree | {mb(build['peak_tree_rss'])} | < {mb(PEAK_FLOOR_BYTES)} | "
        f"{'yes' if peak_ok else 'NO'} |"
    )
    print(f"| entries neither document nor reject | {len(missing)} | 0 | {'yes' if not missing else 'NO'} |")
    print(
        f"| notes of the note text published as footnotes | {notes} | {args.note_lines} | "
        f"{'yes' if notes == args.note_lines else 'NO'} |"
    )
    if missing:
        print("missing: " + json.dumps(missing))
    print(f"\nlog: {work / 'build.log'}")
    return 0 if build["returncode"] == 0 and wall_ok and peak_ok and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
