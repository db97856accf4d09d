"""`pipelines evaluate`: score a release against gold answers, with the dev set's matching rules.

The figures agree with the reference scorer (`score_extraction.py` of the dev set) but the tables are
read by the column names of our schemas, and the result is a JSON-serialisable dict, so that every
release can carry its own scores (`quality_summary`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.evaluation.dates import score_dates
from pipelines.evaluation.entities import score_entities
from pipelines.evaluation.footnotes import score_footnotes
from pipelines.evaluation.items import score_agreements, score_events
from pipelines.evaluation.loading import (
    Release,
    document_checks,
    gold_sha256,
    load_gold,
    load_release,
)

CATEGORIES = ("entities", "dates", "agreements", "events", "footnotes")
ENTITY_TYPES = ("PERSON", "ORGANIZATION", "COUNTRY", "LOCATION", "OTHER")
# Parties and participants scored as pairs: (category, key of its report), labelled as the reference does.
PAIRS = {
    "agreements.parties (pairs)": ("agreements", "parties_pairs"),
    "events.participants (pairs)": ("events", "participants_pairs"),
}
MEASURED_ON = (
    "development texts: the extraction rules were written while looking at these texts, so the figures "
    "are an optimistic bound, not an estimate of the quality on texts the rules have not seen"
)


def overall_f1(report: dict[str, Any], scored: list[str]) -> float:
    """Mean F1 of the categories that say something (have gold items or predictions)."""
    kept = scored or list(CATEGORIES)
    return round(sum(report[c]["f1"] for c in kept) / len(kept), 6)


def score_categories(release: Release) -> dict[str, Any]:
    return {
        "entities": score_entities(release),
        "dates": score_dates(release),
        "agreements": score_agreements(release),
        "events": score_events(release),
        "footnotes": score_footnotes(release),
    }


def text_figures(release: Release, stem: str) -> dict[str, Any]:
    """One gold text's figures; its overall F1 is the mean over the categories with anything to count."""
    scores = score_categories(release.restricted_to([stem]))
    figures = {c: prf(scores[c]) for c in CATEGORIES}
    figures |= {label: prf(scores[c][key]) for label, (c, key) in PAIRS.items() if scores[c][key]}
    counted = [c for c in CATEGORIES if scores[c]["tp"] + scores[c]["fp"] + scores[c]["fn"]]
    return {
        "title": release.gold[stem]["document"].get("title"),
        "categories": figures,
        "overall_f1": overall_f1(scores, counted),
    }


def evaluate_release(release_dir: Path, gold_dir: Path) -> dict[str, Any]:
    """Precision, recall and F1 per category, overall and per gold text, on the release's gold texts.

    Only the gold documents that are among the release's texts are scored (the others are listed as
    not in the release): a release of two of the six gold texts is not marked down for the other four.
    """
    gold = load_gold(gold_dir)
    release = load_release(release_dir, gold)
    texts = release.texts_with_gold
    report: dict[str, Any] = {
        "release": str(release_dir),
        "gold": str(gold_dir),
        "texts": texts,
        "gold_texts_not_in_release": sorted(set(gold) - set(texts)),
        "missing_tables": list(release.missing),
        "documents": document_checks(release),
    }
    if not texts:
        return report | {"overall_f1": None, "by_text": {}}
    scored = release.restricted_to(texts)
    report |= score_categories(scored)
    # A category with nothing in the gold and nothing predicted says nothing: leave it out of the mean.
    kept = [c for c in CATEGORIES if scored.has_rows(c) or any(doc.get(c) for doc in scored.gold.values())]
    report["overall_categories"] = kept
    report["overall_f1"] = overall_f1(report, kept)
    report["by_text"] = {stem: text_figures(scored, stem) for stem in texts}
    return report


def prf(figures: dict[str, Any]) -> dict[str, Any]:
    return {key: figures[key] for key in ("precision", "recall", "f1", "tp", "fp", "fn")}


def _line(label: str, figures: dict[str, Any]) -> str:
    return (
        f"{label:<28} P={figures['precision']:.3f} R={figures['recall']:.3f} F1={figures['f1']:.3f}"
        f"  (tp={figures['tp']} fp={figures['fp']} fn={figures['fn']})"
    )


def _share(figures: dict[str, Any]) -> str:
    share = "" if figures["share"] is None else f" ({figures['share']:.2f})"
    return f"{figures['correct']}/{figures['checked']}{share}"


def format_report(report: dict[str, Any]) -> str:
    """The report as the text `pipelines evaluate` prints, one `label P= R= F1=` line per score."""
    lines = [f"release {report['release']}  gold {report['gold']}"]
    texts, absent = report["texts"], report["gold_texts_not_in_release"]
    lines.append(
        f"scored {len(texts)} of {len(texts) + len(absent)} gold texts: {', '.join(texts) or 'none'}"
    )
    if absent:
        lines.append(f"  not in this release (not scored): {', '.join(absent)}")
    if not texts:
        return "\n".join(lines)
    lines.append(f"  ({MEASURED_ON})")
    docs, entities, dates = report["documents"], report["entities"], report["dates"]
    agreements, events, footnotes = report["agreements"], report["events"], report["footnotes"]
    if report["missing_tables"]:
        lines.append(f"  missing tables (scored as empty): {', '.join(report['missing_tables'])}")
    lines.append(
        f"== documents: {docs['mapped']}/{docs['gold']} gold documents found; "
        f"titles ok {docs['titles_ok']}, authors ok {docs['authors_ok']}"
    )
    lines.append("== entities")
    lines += [
        _line(f"entities.{t}", entities["by_type"][t]) for t in ENTITY_TYPES if t in entities["by_type"]
    ]
    lines.append(_line("entities (all types)", entities))
    lines.append(
        f"  iso3 correct: {_share(entities['iso3'])}; type agreement: {_share(entities['type_agreement'])}; "
        f"must-have recall: {_share(entities['must_have_recall'])}"
    )
    lines += ["== dates", _line("dates (unique values/doc)", dates)]
    lines.append(f"  value accuracy on matched surfaces: {_share(dates['value_accuracy'])}")
    parties = agreements["right_parties"]
    mean_recall = "-" if parties["mean_party_recall"] is None else f"{parties['mean_party_recall']:.2f}"
    lines += ["== agreements", _line("agreements", agreements)]
    if agreements["parties_pairs"]:
        lines.append(_line("agreements.parties (pairs)", agreements["parties_pairs"]))
    lines.append(
        f"  right date: {_share(agreements['right_date'])}; right parties: {_share(parties)}, "
        f"mean party recall {mean_recall}; duplicates ignored: {agreements['duplicates']}"
    )
    lines += ["== events", _line("events", events)]
    if events["participants_pairs"]:
        lines.append(_line("events.participants (pairs)", events["participants_pairs"]))
    lines.append(f"  right date: {_share(events['right_date'])}; duplicates ignored: {events['duplicates']}")
    lines += ["== footnotes", _line("footnotes", footnotes)]
    lines.append(f"  gold URLs recovered: {_share(footnotes['urls_recovered'])}")
    lines.append("== F1 per gold text")
    heads = ("overall", "entit.", "dates", "agree.", "events", "footn.")  # CATEGORIES, cut to fit 80 columns
    lines.append(f"  {'text':<24}" + "".join(f" {h:>7}" for h in heads))
    for stem, text in report["by_text"].items():
        figures = [text["overall_f1"], *(text["categories"][c]["f1"] for c in CATEGORIES)]
        lines.append(f"  {stem[:24]:<24}" + "".join(f" {f:>7.3f}" for f in figures))
    lines.append(f"overall_f1={report['overall_f1']:.4f}")
    return "\n".join(lines)


def quality_summary(report: dict[str, Any], gold_dir: Path) -> dict[str, Any]:
    """The scores a release publishes in quality.json, tied to the exact gold set they were measured on.

    Each figure is labelled for what it is (`measured_on`); a release none of whose texts has gold
    answers says so (`texts` empty, figures null) rather than publishing zeros.
    """
    summary: dict[str, Any] = {
        "gold_set": Path(gold_dir).resolve().name,
        "gold_sha256": gold_sha256(Path(gold_dir)),
        "texts": report["texts"],
        "gold_texts_not_in_release": report["gold_texts_not_in_release"],
    }
    if not report["texts"]:
        note = f"none of this release's texts has gold answers in {Path(gold_dir).name}/: no quality figures"
        return summary | {"note": note, "overall_f1": None}
    categories = {"entities": prf(report["entities"])}
    categories |= {f"entities.{t}": prf(f) for t, f in report["entities"]["by_type"].items()}
    categories |= {c: prf(report[c]) for c in CATEGORIES[1:]}
    categories |= {label: prf(report[c][key]) for label, (c, key) in PAIRS.items() if report[c][key]}
    side_checks = {
        "entities.iso3": report["entities"]["iso3"],
        "entities.must_have_recall": report["entities"]["must_have_recall"],
        "dates.value_accuracy": report["dates"]["value_accuracy"],
        "agreements.right_date": report["agreements"]["right_date"],
        "agreements.right_parties": report["agreements"]["right_parties"],
        "events.right_date": report["events"]["right_date"],
    }
    return summary | {
        "measured_on": MEASURED_ON,
        "categories": categories,
        "by_text": report["by_text"],
        "checks": side_checks,
        "overall_f1": report["overall_f1"],
    }
