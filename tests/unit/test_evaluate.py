"""`pipelines evaluate`: hand-computed scores on a tiny release, and agreement with the dev set's scorer."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipelines import cli
from pipelines.evaluate import evaluate_release, format_report, quality_summary
from pipelines.evaluation.text import norm, norm_date
from tests.releases import release_from_raw

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_SCORER = ROOT / "eval" / "gold" / "score_extraction.py"  # the dev set's scorer, copied
STEM = "900_testdoc"

GOLD = {
    "doc_id": STEM,
    "source_file": f"{STEM}.txt",
    "document": {"title": "Kazakhstan and NATO: a test article", "authors": ["Jane Roe"]},
    "entities": [
        {"name": "Nursultan Nazarbaev", "type": "PERSON", "aliases": ["N. Nazarbaev"], "must": True},
        {"name": "Bulat Sembinov", "type": "PERSON", "aliases": []},
        {"name": "Dick Cheney", "type": "PERSON", "aliases": ["R. Cheney"]},
        {"name": "North Atlantic Treaty Organization", "type": "ORGANIZATION", "aliases": ["NATO"]},
        {"name": "Shanghai Cooperation Organization", "type": "ORGANIZATION", "aliases": ["SCO"]},
        {"name": "Interfax", "type": "ORGANIZATION", "aliases": [], "in_footnote_only": True},
        {"name": "Kazakhstan", "type": "COUNTRY", "iso3": "KAZ", "aliases": ["Kazakh"]},
        {"name": "United States", "type": "COUNTRY", "iso3": "USA", "aliases": ["U.S.", "American"]},
        {"name": "Russia", "type": "COUNTRY", "iso3": "RUS", "aliases": ["Russian"]},
        {"name": "Astana", "type": "LOCATION", "aliases": [], "metonym_for": "Kazakhstan"},
        {"name": "Manas airport", "type": "LOCATION", "aliases": ["Manas"]},
        {"name": "Brussels", "type": "LOCATION", "aliases": [], "optional": True},
    ],
    "dates": [
        {"text": "1 March, 2006", "value": "2006-03-01", "precision": "day"},
        {"text": "the 1990s", "value": "199X", "precision": "decade", "alt_values": ["1990/1999"]},
        {"text": "November 2005", "value": "2005-11", "precision": "month"},
        {"text": "2003", "value": "2003", "precision": "year"},
        {"text": "11 sentiabria 2001 g.", "value": "2001-09-11", "precision": "day", "in_footnote": True},
        {"text": "for the past 15 years", "value": "1992/2007", "precision": "range", "relative": True},
    ],
    "agreements": [
        {
            "name": "Individual Partnership Action Plan",
            "aliases": ["IPAP"],
            "kind": "plan",
            "parties": ["Kazakhstan", "North Atlantic Treaty Organization"],
            "date": "2006-01",
            "must": True,
        },
        {
            "name": "Treaty on Allied Relations",
            "aliases": [],
            "alt_names": ["Treaty on Alliance Relations"],
            "kind": "treaty",
            "parties": ["Uzbekistan", "Russia"],
            "date": "2005-11",
        },
        {
            "name": "Partnership for Peace",
            "aliases": ["PfP"],
            "kind": "program",
            "parties": ["Kazakhstan"],
            "date": "1994-05",
            "must": True,
        },
        {"name": "energy Alliance", "kind": "initiative", "parties": [], "date": None, "optional": True},
    ],
    "events": [
        {
            "kind": "exercise",
            "name": "Steppe Eagle 2006",
            "participants": ["Kazakhstan", "United States"],
            "location": None,
            "date": "2006-09",
            "must": True,
        },
        {
            "kind": "visit",
            "name": "Rumsfeld visit to Astana",
            "participants": ["Donald Rumsfeld"],
            "location": "Astana",
            "date": "2004-02-25",
        },
        {
            "kind": "summit",
            "name": "Riga summit",
            "participants": ["North Atlantic Treaty Organization"],
            "location": "Riga",
            "date": "2006-11",
        },
        {"kind": "other", "name": "Iraq war", "participants": [], "date": "2003", "optional": True},
    ],
    "footnotes": [
        {
            "number": 1,
            "text": 'See: "Kongressmeny podderzhali," available at [http://sngnews.ru/archive/2006/03/01/2409.html].',
            "urls": ["http://sngnews.ru/archive/2006/03/01/2409.html"],
        },
        {
            "number": 2,
            "text": "Interfax, 11 January, 2007, available at http://www.interfax.kz/?lang=rus.",
            "urls": ["http://www.interfax.kz/?lang=rus"],
        },
        {
            "number": 3,
            "text": "M. Laumulin, Central Asia in foreign political science, Almaty, 2006, p. 12.",
            "urls": [],
        },
    ],
}

DOC = "doc-1"  # not the gold stem: the document is found through documents.source_file
# (entity_id, name, type, iso3, mention surface forms)
ENTITIES = [
    ("e1", "N. Nazarbaev", "PERSON", None, ["N. Nazarbaev"]),  # alias
    ("e2", "B. Sembinov", "PERSON", None, ["Sembinov"]),  # initial + surname
    ("e3", "John Smith", "PERSON", None, ["John Smith"]),  # false positive
    ("e4", "NATO", "ORGANIZATION", None, ["NATO"]),  # alias
    ("e5", "Shanghai Cooperation Organisation", "ORGANIZATION", None, ["SCO"]),  # alias via mention
    ("e6", "Interfax", "ORGANIZATION", None, ["Interfax"]),  # footnote-only: neither way
    ("e7", "Steppe Eagle", "ORGANIZATION", None, ["Steppe Eagle"]),  # false positive
    ("e8", "Kazakhstan", "COUNTRY", "KAZ", ["Kazakh", "Kazakhstan"]),
    ("e9", "United States of America", "COUNTRY", "USA", ["U.S."]),  # matched by mention text
    ("e10", "Russia", "COUNTRY", "SUN", ["Russian"]),  # wrong iso3
    ("e11", "Astana", "LOCATION", None, ["Astana"]),
    ("e12", "Riga", "LOCATION", None, []),  # no mention in the document: not predicted there
]
# (text, value, precision)
DATES = [
    ("1 March, 2006", "2006-03-01", "day"),
    ("the 1990s", "1990/1999", "range"),  # an alt_value
    ("November 2005", "2005-10", "month"),  # wrong value: a false positive and a miss
    ("2003", "2003", "year"),
    ("for the past 15 years", "1992/2007", "range"),  # relative: accepted, not required
    ("2010", "2010", "year"),  # false positive, not a gold surface
]
# (agreement_id, name, kind, date_value, party entity ids)
AGREEMENTS = [
    ("a1", "IPAP", "plan", "2006-01-31", ["e8", "e4"]),
    ("a2", "Kazakhstan-NATO Individual Partnership Action Plan", "plan", None, []),  # duplicate of a1
    # one right party (Russia), one missed (Uzbekistan), one wrong (Sembinov): a pair fp and fn
    ("a3", "Treaty on Alliance Relations between Uzbekistan and Russia", "treaty", "2006-11", ["e10", "e2"]),
    ("a4", "Energy Alliance", "initiative", None, []),  # optional
    ("a5", "Collective Security Treaty", "treaty", "2002", []),  # false positive
]
# (event_id, kind, name, date_value, participant entity ids)
EVENTS = [
    (
        "v1",
        "exercise",
        "Steppe Eagle 2006",
        "2006-09",
        ["e8", "e4"],
    ),  # Kazakhstan right, NATO wrong, U.S. missed
    (
        "v2",
        "meeting",
        "Pentagon chief trip to Astana",
        "2004-02",
        [],
    ),  # date + kind + keyword; Rumsfeld missed
    (
        "v3",
        "meeting",
        "Tashkent talks",
        "2005-06",
        ["e10"],
    ),  # false positive: its participants are not scored
]
# (number, text, urls)
FOOTNOTES = [
    (1, 'See: "Kongressmeny podderzhali," available at http://sngnews.ru/archive/2006/03/01/2409.html.', []),
    (2, "Ibidem.", []),  # wrong text: a false positive and a miss
    (3, "M. Laumulin, Central Asia in foreign political science, Almaty, 2006, p. 12.", []),
    (4, "A footnote the gold does not have.", []),
]


def write_release(folder: Path) -> Path:
    """The hand-made release, with our schemas' column names (agreements at corpus level)."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "documents": [
            {
                "doc_id": DOC,
                "source_file": f"{STEM}.txt",
                "title": "Kazakhstan and NATO: A Test Article",
                "authors": ["Jane Roe"],
            }
        ],
        "entities": [
            {"entity_id": i, "name": n, "type": t, "aliases": [], "iso3": iso} for i, n, t, iso, _ in ENTITIES
        ],
        "mentions": [
            {
                "mention_id": f"{DOC}:m{i}-{k}",
                "doc_id": DOC,
                "entity_id": i,
                "text": text,
                "start": k,
                "end": k + 1,
            }
            for i, _, _, _, texts in ENTITIES
            for k, text in enumerate(texts)
        ],
        "dates": [
            {"date_id": f"{DOC}:d{k}", "doc_id": DOC, "text": text, "value": value, "precision": precision}
            for k, (text, value, precision) in enumerate(DATES)
        ],
        "agreements": [
            {"agreement_id": i, "name": n, "kind": kind, "aliases": [], "date_value": d}
            for i, n, kind, d, _ in AGREEMENTS
        ],
        "agreement_mentions": [
            {"agreement_id": i, "doc_id": DOC, "start": 0, "end": 1, "text": n} for i, n, *_ in AGREEMENTS
        ],
        "agreement_parties": [
            {"agreement_id": i, "entity_id": e, "role": "party"}
            for i, *_, parties in AGREEMENTS
            for e in parties
        ],
        "events": [
            {"event_id": i, "doc_id": DOC, "kind": kind, "name": n, "date_value": d}
            for i, kind, n, d, _ in EVENTS
        ],
        "event_participants": [
            {"event_id": i, "entity_id": e, "role": "participant"}
            for i, *_, participants in EVENTS
            for e in participants
        ],
        "footnotes": [
            {"footnote_id": f"{DOC}:fn{n}", "doc_id": DOC, "number": n, "text": text, "urls": urls}
            for n, text, urls in FOOTNOTES
        ],
    }
    for name, rows in tables.items():
        pd.DataFrame(rows).to_parquet(folder / f"{name}.parquet", index=False)
    return folder


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny-gold"
    folder.mkdir()
    (folder / f"{STEM}.json").write_text(json.dumps(GOLD, indent=1), encoding="utf-8")
    (folder / "README.md").write_text("not scored\n", encoding="utf-8")
    return folder


@pytest.fixture
def release_dir(tmp_path: Path) -> Path:
    return write_release(tmp_path / "release")


def prf(figures: dict) -> tuple[float, float, float]:
    return figures["precision"], figures["recall"], figures["f1"]


def counts(figures: dict) -> tuple[int, int, int]:
    return figures["tp"], figures["fp"], figures["fn"]


def test_hand_computed_scores(release_dir: Path, gold_dir: Path) -> None:
    report = evaluate_release(release_dir, gold_dir)
    two_thirds = pytest.approx(2 / 3, abs=1e-6)

    assert report["documents"] == {"gold": 1, "mapped": 1, "titles_ok": 1, "authors_ok": 1, "unmapped": []}
    entities = report["entities"]
    # PERSON: alias + initial/surname found, Cheney missed, John Smith false.
    assert counts(entities["by_type"]["PERSON"]) == (2, 1, 1)
    assert prf(entities["by_type"]["PERSON"]) == (two_thirds, two_thirds, two_thirds)
    # ORGANIZATION: NATO by alias, SCO by mention text; Interfax footnote-only; Steppe Eagle false.
    assert prf(entities["by_type"]["ORGANIZATION"]) == (two_thirds, 1.0, pytest.approx(0.8))
    assert prf(entities["by_type"]["COUNTRY"]) == (1.0, 1.0, 1.0)
    # LOCATION: Astana found, Manas missed, Brussels optional, Riga has no mention in the document.
    assert prf(entities["by_type"]["LOCATION"]) == (1.0, 0.5, two_thirds)
    assert counts(entities) == (8, 2, 2)
    assert prf(entities) == (pytest.approx(0.8), pytest.approx(0.8), pytest.approx(0.8))
    assert entities["iso3"] == {"correct": 2, "checked": 3, "share": two_thirds}
    assert "OTHER" not in entities["by_type"]

    dates = report["dates"]  # found 2006-03-01, 199X (alt value), 2003; false 2005-10, 2010; missed 2005-11
    assert counts(dates) == (3, 2, 1)
    assert prf(dates) == (pytest.approx(0.6), pytest.approx(0.75), two_thirds)
    assert dates["value_accuracy"] == {"correct": 4, "checked": 5, "share": pytest.approx(0.8)}

    agreements = report["agreements"]  # IPAP, Treaty (token set); PfP missed; CST false; energy optional
    assert counts(agreements) == (2, 1, 1)
    assert agreements["duplicates"] == 1
    assert prf(agreements) == (two_thirds, two_thirds, two_thirds)
    assert agreements["right_date"] == {"correct": 1, "checked": 2, "share": 0.5}
    assert agreements["right_parties"] == {
        "correct": 1,
        "checked": 2,
        "share": 0.5,
        "mean_party_recall": 0.75,
    }
    assert agreements["must_have_recall"]["correct"] == 1
    # pairs: IPAP's two parties right; the treaty's Russia right, Sembinov wrong, Uzbekistan missed
    assert counts(agreements["parties_pairs"]) == (3, 1, 1)
    assert prf(agreements["parties_pairs"]) == (0.75, 0.75, 0.75)

    events = report["events"]  # Steppe Eagle by name, Rumsfeld by date+kind+keyword; Riga missed
    assert counts(events) == (2, 1, 1)
    assert prf(events) == (two_thirds, two_thirds, two_thirds)
    assert events["right_date"] == {"correct": 2, "checked": 2, "share": 1.0}
    # pairs: Steppe Eagle's Kazakhstan right, NATO wrong, U.S. missed; the visit's Rumsfeld missed
    assert counts(events["participants_pairs"]) == (1, 1, 2)

    footnotes = report["footnotes"]  # 1 and 3 found; 2 wrong text (fp + fn); 4 not in gold
    assert counts(footnotes) == (2, 2, 1)
    assert prf(footnotes) == (0.5, two_thirds, pytest.approx(4 / 7, abs=1e-6))
    assert footnotes["urls_recovered"] == {"correct": 1, "checked": 2, "share": 0.5}

    assert report["overall_f1"] == pytest.approx((0.8 + 3 * 2 / 3 + 4 / 7) / 5, abs=1e-6)
    assert report["texts"] == [STEM] and report["gold_texts_not_in_release"] == []
    by_text = report["by_text"][STEM]  # one gold text: its figures are the overall ones
    assert by_text["title"] == GOLD["document"]["title"]
    assert by_text["categories"]["agreements.parties (pairs)"]["f1"] == 0.75
    assert by_text["categories"]["events"]["f1"] == events["f1"]
    assert by_text["overall_f1"] == report["overall_f1"]
    json.dumps(report)  # JSON-serialisable as the CLI writes it


def test_format_report_prints_every_category(release_dir: Path, gold_dir: Path) -> None:
    text = format_report(evaluate_release(release_dir, gold_dir))
    for label in ("entities.PERSON", "entities.LOCATION", "entities (all types)", "dates", "agreements"):
        assert re.search(rf"^{re.escape(label)}.*P=\d\.\d{{3}} R=\d\.\d{{3}} F1=\d\.\d{{3}}", text, re.M), (
            label
        )
    assert "F1=0.800" in text
    assert "iso3 correct: 2/3" in text
    assert "value accuracy on matched surfaces: 4/5 (0.80)" in text
    assert re.search(r"^  900_testdoc\s+0\.674\s+0\.800\s+0\.667", text, re.M)  # F1 per gold text
    assert text.splitlines()[-1] == "overall_f1=0.6743"


def test_quality_summary_names_and_fingerprints_the_gold(release_dir: Path, gold_dir: Path) -> None:
    summary = quality_summary(evaluate_release(release_dir, gold_dir), gold_dir)
    gold_file = gold_dir / f"{STEM}.json"
    expected = hashlib.sha256(gold_file.name.encode() + b"\0" + gold_file.read_bytes() + b"\0").hexdigest()
    assert summary["gold_set"] == "tiny-gold"
    assert summary["gold_sha256"] == expected  # README.md is not part of the gold set
    assert set(summary["categories"]) == {
        "entities", "entities.PERSON", "entities.ORGANIZATION", "entities.COUNTRY", "entities.LOCATION",
        "dates", "agreements", "events", "footnotes",
        "agreements.parties (pairs)", "events.participants (pairs)",
    }  # fmt: skip
    assert summary["categories"]["agreements.parties (pairs)"] == {
        "precision": 0.75, "recall": 0.75, "f1": 0.75, "tp": 3, "fp": 1, "fn": 1,
    }  # fmt: skip
    assert "optimistic bound" in summary["measured_on"] and summary["texts"] == [STEM]
    assert summary["by_text"][STEM]["overall_f1"] == summary["overall_f1"]
    assert summary["categories"]["dates"] == {
        "precision": pytest.approx(0.6),
        "recall": pytest.approx(0.75),
        "f1": pytest.approx(2 / 3, abs=1e-6),
        "tp": 3,
        "fp": 2,
        "fn": 1,
    }
    assert summary["overall_f1"] == pytest.approx(0.674286, abs=1e-6)
    json.dumps(summary)

    gold_file.write_text(gold_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert quality_summary(evaluate_release(release_dir, gold_dir), gold_dir)["gold_sha256"] != expected


def test_gold_texts_not_in_the_release_are_named_not_scored(release_dir: Path, gold_dir: Path) -> None:
    other = dict(GOLD, doc_id="901_other", source_file="901_other.txt")
    other["document"] = {"title": "An entirely different article on Georgia", "authors": ["A. N. Other"]}
    (gold_dir / "901_other.json").write_text(json.dumps(other), encoding="utf-8")
    report = evaluate_release(release_dir, gold_dir)
    assert report["texts"] == [STEM] and report["gold_texts_not_in_release"] == ["901_other"]
    assert counts(report["entities"]) == (8, 2, 2)  # as with the one gold file: 901's entities not missed
    assert list(report["by_text"]) == [STEM]
    text = format_report(report)
    assert "scored 1 of 2 gold texts: 900_testdoc" in text
    assert "not in this release (not scored): 901_other" in text and "optimistic bound" in text


def test_release_without_gold_texts_has_no_figures(tmp_path: Path, gold_dir: Path) -> None:
    release = tmp_path / "other-texts"
    release.mkdir()
    pd.DataFrame([{"doc_id": "x", "source_file": "x.txt", "title": "Elsewhere", "authors": []}]).to_parquet(
        release / "documents.parquet"
    )
    report = evaluate_release(release, gold_dir)
    assert report["texts"] == [] and report["overall_f1"] is None and "entities" not in report
    summary = quality_summary(report, gold_dir)
    assert summary["overall_f1"] is None and "categories" not in summary
    assert (
        summary["note"] == "none of this release's texts has gold answers in tiny-gold/: no quality figures"
    )


def test_release_without_gold_texts_reads_only_its_documents(tmp_path: Path, gold_dir: Path) -> None:
    release = tmp_path / "large-release"
    release.mkdir()
    pd.DataFrame([{"doc_id": "x", "source_file": "x.txt", "title": "Elsewhere", "authors": []}]).to_parquet(
        release / "documents.parquet"
    )
    (release / "mentions.parquet").write_bytes(b"not parquet: a read would fail")
    report = evaluate_release(release, gold_dir)
    assert report["texts"] == [] and report["overall_f1"] is None
    assert "mentions" not in report["missing_tables"] and "entities" in report["missing_tables"]


def test_missing_tables_score_zero_recall(tmp_path: Path, gold_dir: Path) -> None:
    release = tmp_path / "empty-release"
    release.mkdir()
    pd.DataFrame([{"doc_id": STEM, "title": None, "authors": []}]).to_parquet(release / "documents.parquet")
    report = evaluate_release(release, gold_dir)
    assert "entities" in report["missing_tables"]
    for category in ("entities", "dates", "agreements", "events", "footnotes"):
        assert (report[category]["tp"], report[category]["fp"]) == (0, 0)
        assert prf(report[category]) == (0.0, 0.0, 0.0)
    assert report["overall_f1"] == 0.0


def test_cli_writes_the_json_report(
    tmp_path: Path, release_dir: Path, gold_dir: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    out = tmp_path / "report.json"
    argv = ["evaluate", "--gold", str(gold_dir), "--release", str(release_dir), "--json", str(out)]
    assert cli.main(argv) == 0
    assert "overall_f1=0.6743" in capsys.readouterr().out
    assert json.loads(out.read_text())["overall_f1"] == pytest.approx(0.674286, abs=1e-6)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The U.S.'s Programme", "us program"),
        ("Kazakh-U.S. Ties", "kazakh us ties"),
        ("Café & Co", "cafe and co"),
    ],
)
def test_norm(raw: str, expected: str) -> None:
    assert norm(raw) == expected


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2006-3", None, "2006-03"),
        ("2006-03-01", "month", "2006-03"),
        ("199x", "decade", "199X"),
        (None, None, ""),
    ],
)
def test_norm_date(value: str | None, precision: str | None, expected: str) -> None:
    assert norm_date(value, precision) == expected


# --------------------------------------------------------------------------- agreement with the reference

LINE = re.compile(r"^(?P<label>\S[^=]*?)\s+P=(?P<p>[\d.]+) R=(?P<r>[\d.]+) F1=(?P<f>[\d.]+)", re.M)
REFERENCE_LABELS = {
    "entities (all types)": "entities",
    "dates (unique values/doc)": "dates",
    "agreements": "agreements",
    "events": "events",
    "footnotes": "footnotes",
}
PAIR_LABELS = {"agreements.parties (pairs)": ("agreements", "parties_pairs"),
               "events.participants (pairs)": ("events", "participants_pairs")}  # fmt: skip


def reference_figures(release: Path, gold: Path) -> dict[str, tuple[float, float, float]]:
    """Run the dev set's scorer and read its `label P= R= F1=` lines and `overall_f1=`."""
    run = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), "--outputs", str(release), "--gold", str(gold)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    figures = {}
    for match in LINE.finditer(run.stdout):
        label = match["label"].strip()
        key = label if label.startswith("entities.") or label in PAIR_LABELS else REFERENCE_LABELS.get(label)
        if key:
            figures[key] = (float(match["p"]), float(match["r"]), float(match["f"]))
    overall = re.search(r"^overall_f1=([\d.]+)", run.stdout, re.M)
    assert overall, run.stdout
    figures["overall_f1"] = (float(overall[1]),) * 3
    return figures


def our_figures(release: Path, gold: Path, json_out: Path) -> dict[str, tuple[float, float, float]]:
    """Run `pipelines evaluate` as a user would and read the JSON report it writes."""
    command = [
        sys.executable,
        "-m",
        "pipelines.cli",
        "evaluate",
        "--gold",
        str(gold),
        "--release",
        str(release),
    ]
    subprocess.run(
        [*command, "--json", str(json_out)], capture_output=True, check=True, timeout=300, cwd=ROOT
    )
    report = json.loads(json_out.read_text())
    figures = {c: prf(report[c]) for c in REFERENCE_LABELS.values()}
    figures |= {f"entities.{t}": prf(f) for t, f in report["entities"]["by_type"].items()}
    figures |= {label: prf(report[c][key]) for label, (c, key) in PAIR_LABELS.items() if report[c][key]}
    figures["overall_f1"] = (report["overall_f1"],) * 3
    return figures


def assert_agreement(release: Path, gold: Path, json_out: Path) -> None:
    theirs, ours = reference_figures(release, gold), our_figures(release, gold, json_out)
    assert set(theirs) == set(ours)
    gaps = {
        key: (ours[key], theirs[key])
        for key in theirs
        if any(abs(a - b) > 0.02 for a, b in zip(ours[key], theirs[key], strict=True))
    }
    assert gaps == {}, "category: (ours, reference)"


def test_reference_scorer_is_the_recorded_copy_in_the_repository() -> None:
    """The comparison always runs (no skip pointing outside the repository) and against the recorded copy."""
    assert REFERENCE_SCORER.resolve().is_relative_to(ROOT) and REFERENCE_SCORER.is_file()
    recorded = re.search(r"sha256\s+`([0-9a-f]{64})`", (REFERENCE_SCORER.parent / "README.md").read_text())
    assert recorded and hashlib.sha256(REFERENCE_SCORER.read_bytes()).hexdigest() == recorded[1]


def test_agrees_with_reference_on_hand_made_release(
    tmp_path: Path, release_dir: Path, gold_dir: Path
) -> None:
    assert_agreement(release_dir, gold_dir, tmp_path / "ours.json")


@pytest.mark.slow
def test_agrees_with_reference_on_the_dev_set(tmp_path: Path) -> None:
    """The seeds built into a real release and scored against their answers by both scorers.

    The reference scorer counts every gold file as required, ours scores the gold texts in the release:
    both get the gold of the release's texts (the seeds) so that they score the same thing.
    """
    release = release_from_raw(ROOT / "raw", tmp_path / "outputs")
    gold = tmp_path / "gold"
    gold.mkdir()
    for path in sorted((ROOT / "raw").glob("*.txt")):
        shutil.copy(ROOT / "eval" / "gold" / f"{path.stem}.json", gold)
    theirs = reference_figures(release, gold)
    assert {"agreements.parties (pairs)", "events.participants (pairs)"} <= set(theirs)
    assert_agreement(release, gold, tmp_path / "ours.json")
