"""Per-document lines of the reference scorer for agreements, parties, events and participants (the
scorer itself prints them for entities only), and with a document prefix the predicted and gold rows
side by side.

    python eval/score_per_document.py OUT/latest            # one line per dev text
    python eval/score_per_document.py OUT/latest wiki       # ... and the rows of the texts starting 'wiki'
    python eval/score_per_document.py OUT/latest --gold eval/unseen/gold   # another gold folder
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold"  # the six dev texts' answers and the vendored scorer


def main(out: Path, prefix: str | None = None, gold_dir: Path = GOLD) -> None:
    sys.path.insert(0, str(GOLD))  # the vendored scorer
    import score_extraction as S

    gold = S.load_gold(gold_dir)
    with contextlib.redirect_stdout(io.StringIO()):
        tables = S.load_outputs(out)
        mapping = S.map_documents(tables, gold)
    for stem in sorted(gold):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            S.score_agreements(tables, {stem: gold[stem]}, mapping)
            S.score_events(tables, {stem: gold[stem]}, mapping)
        cells = [" ".join(line.split()) for line in buf.getvalue().splitlines() if "P=" in line]
        print(f"{stem[:24]:<24} " + " | ".join(cells))
    if prefix is None:
        return
    names = {"agreements": S.party_names_for(tables), "events": S.participant_names_for(tables)}
    for stem in (s for s in sorted(gold) if s.startswith(prefix)):
        print("=====", stem)
        for table, key in (("agreements", "agreement_id"), ("events", "event_id")):
            print("--", table, "predicted")
            for p in S.rows_for(tables, table, mapping, stem):
                args = sorted(map(str, names[table].get(str(p.get(key)), [])))
                print("   ", p.get("kind"), "|", p.get("name"), "|", p.get("date_value"), "|", args)
            print("--", table, "gold")
            for a in gold[stem][table]:
                flag = "opt" if a.get("optional") else "MUST" if a.get("must") else "   "
                args = sorted(a.get("parties", a.get("participants", [])))
                print("   ", flag, a.get("kind"), "|", a["name"], "|", a.get("date"), "|", args)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", type=Path, help="release folder, e.g. OUT/latest")
    parser.add_argument("prefix", nargs="?", help="also list the rows of the texts whose stem starts so")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold folder (default: the dev set's)")
    args = parser.parse_args()
    main(args.release, args.prefix, args.gold)
