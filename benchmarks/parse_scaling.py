"""Parse rules stay linear in the text: `python benchmarks/parse_scaling.py`.

    python benchmarks/parse_scaling.py [--repeat N]

Each hostile shape is parsed with `parse_document` at n and 2n lines (best of --repeat runs); a rule
that backtracks or rescans shows as a ratio far above 2. Shapes: a run of consecutive numbered note
lines, and one paragraph hard-wrapped over thousands of lines with words hyphenated across breaks.
The issue-header pattern is also timed on a 3,300-character line (it once backtracked). Floor: doubling
the input at most triples the time; exit 1 when a shape misses it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

from pipelines.parse.document import parse_document  # noqa: E402
from pipelines.parse.furniture import parse_issue_header  # noqa: E402

RATIO_FLOOR = 3.0


def numbered_notes(n: int) -> bytes:
    lines = [f'{i} See: B. Author, "Working paper {i}," Review, No. 4, 2003.' for i in range(1, n + 1)]
    return ("A REPORT ON NOTES\n\nThe report cites a paper.¹\n\n" + "\n".join(lines)).encode()


def wrapped_paragraph(n: int) -> bytes:
    """One paragraph hard-wrapped over n lines, with words hyphenated across some of the breaks."""
    lines = [
        "the delegation met the commit- " if i % 7 == 0 else "tee and the ministers of the region on"
        for i in range(n)
    ]
    return ("A REPORT ON TALKS\n\nIn May " + "\n".join(lines) + " the last day.").encode()


def best_time(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def parse_time(data: bytes, repeat: int) -> float:
    return best_time(lambda: parse_document("generated.txt", data), repeat)


def main(repeat: int) -> int:
    parse_document("warm-up.txt", numbered_notes(100))  # data files and patterns load on the first call
    rows, missed = [], False
    for name, generate, lines in (
        ("numbered notes", numbered_notes, 1500),
        ("wrapped paragraph", wrapped_paragraph, 6000),
    ):
        small, large = parse_time(generate(lines), repeat), parse_time(generate(2 * lines), repeat)
        ratio = large / small
        missed |= ratio >= RATIO_FLOOR
        rows.append(
            [
                name,
                lines,
                f"{small:.3f}",
                f"{large:.3f}",
                f"{ratio:.2f}",
                "met" if ratio < RATIO_FLOOR else "MISSED",
            ]
        )
    long_line = "Kazakhstan " * 300 + "No. 5, 2006"
    header = best_time(lambda: parse_issue_header(long_line), repeat)
    print(
        tabulate(
            rows,
            headers=["shape", "n lines", "n: s", "2n: s", "ratio", f"< {RATIO_FLOOR:g}"],
            tablefmt="github",
        )
    )
    print(f"\nissue header on a {len(long_line):,}-character line: {header * 1e6:.1f} µs")
    return 1 if missed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    sys.exit(main(parser.parse_args().repeat))
