"""`index.html`: the release's download page, one self-contained file that reads offline.

No scripts, fonts or stylesheets from elsewhere: inline CSS and an SVG chart drawn at build time.
It runs after manifest.json is written (an `after_manifest` companion) because it shows the
manifest's sizes and checksums; every link is relative and points at a file the manifest lists.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

import pandas as pd
import pandera.pandas as pa

from pipelines.publish.files import LIST_SEPARATOR, file_facts
from pipelines.publish.release import ReleaseContext

TITLE = "Security texts: people, organizations, dates, agreements and events"
LICENSE = "CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/)"
CHART_SERIES = (("agreements", "#2f6db5"), ("events", "#d9822b"))
CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;max-width:68rem;
margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .3rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
th,td{border:1px solid #d5d9e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f3f7}td.num,th.num{text-align:right}
code,.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}.hash{word-break:break-all}
.meta{color:#4a5566}.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}
svg text{font:11px system-ui,sans-serif;fill:#1d2430}
"""


def write_page(ctx: ReleaseContext) -> dict[str, dict[str, object]]:
    """after_manifest companion: write index.html from the finished manifest."""
    path = ctx.folder / "index.html"
    path.write_text(page(ctx), encoding="utf-8")
    return {path.name: file_facts(path)}


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def link(path: str, label: str | None = None) -> str:
    return f'<a href="{esc(quote(path))}">{esc(label or path)}</a>'


def size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    raise AssertionError("unreachable")


def page(ctx: ReleaseContext) -> str:
    manifest = ctx.manifest
    tables: Mapping[str, Any] = manifest["tables"]  # type: ignore[assignment]
    body = [
        f"<header><h1>{esc(TITLE)}</h1>",
        f'<p class="meta">Release <strong id="version">{esc(manifest["release_id"])}</strong>, built '
        f"{esc(manifest['built_at'])} by pipelines {esc(manifest.get('package_version', ''))}. "
        f"Data licence: {esc(LICENSE)}. Checksums are SHA-256; manifest.json lists them all.</p></header>",
        contents(tables),
        downloads(manifest.get("files") or {}),  # type: ignore[arg-type]
        chart_section(ctx.tables),
        quality_section(manifest.get("quality")),
        sources_section(manifest.get("inputs") or []),  # type: ignore[arg-type]
        "<h2>Conventions</h2><p>CSV: UTF-8, comma separated, RFC 4180 quoting, ISO dates, lists joined "
        f"with <code>{esc(LIST_SEPARATOR)}</code>, nulls as empty cells; a text cell a spreadsheet would run "
        "as a formula starts with <code>'</code>. Parquet keeps exact types (dates, lists).</p>",
    ]
    body += [table_section(name, facts, ctx.models.get(name)) for name, facts in tables.items()]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(TITLE)} — {esc(manifest['release_id'])}</title><style>{CSS}</style></head>"
        "<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def contents(tables: Mapping[str, Any]) -> str:
    rows = "".join(
        f'<tr><td><a href="#table-{esc(name)}">{esc(name)}</a></td><td class="num">{facts["rows"]:,}</td>'
        f"<td>{link(facts['files']['csv']['path'], 'CSV')} · {link(facts['files']['parquet']['path'], 'Parquet')}"
        "</td></tr>"
        for name, facts in tables.items()
    )
    return (
        f'<h2>Tables</h2><table><tr><th>table</th><th class="num">rows</th><th>files</th></tr>{rows}</table>'
    )


def file_row(facts: Mapping[str, Any], label: str) -> str:
    return (
        f"<tr><td>{link(facts['path'])}</td><td>{esc(label)}</td>"
        f'<td class="num" title="{facts["bytes"]} bytes">{esc(size(facts["bytes"]))}</td>'
        f'<td class="hash">{esc(facts["sha256"])}</td></tr>'
    )


def files_table(rows: Iterable[str]) -> str:
    head = '<tr><th>file</th><th>format</th><th class="num">size</th><th>sha256</th></tr>'
    return f"<table>{head}{''.join(rows)}</table>"


def downloads(files: Mapping[str, Mapping[str, Any]]) -> str:
    if not files:
        return ""
    rows = [file_row(facts, name.rsplit(".", 1)[-1]) for name, facts in files.items()]
    return "<h2>Other files</h2>" + files_table(rows)


def table_section(name: str, facts: Mapping[str, Any], model: type[pa.DataFrameModel] | None) -> str:
    schema = model.to_schema() if model else None
    descriptions = {c: spec.description or "" for c, spec in schema.columns.items()} if schema else {}
    columns = "".join(
        f"<tr><td><code>{esc(c['name'])}</code></td><td><code>{esc(c['type'])}</code></td>"
        f"<td>{'yes' if c['nullable'] else 'no'}</td><td>{esc(descriptions.get(c['name'], ''))}</td></tr>"
        for c in facts["columns"]
    )
    files = [file_row(facts["files"][kind], kind) for kind in ("csv", "parquet") if kind in facts["files"]]
    return (
        f'<section id="table-{esc(name)}" class="table" data-table="{esc(name)}" data-rows="{facts["rows"]}">'
        f"<h2>{esc(name)}</h2><p>{esc(schema.description if schema else '')}</p>"
        f'<p><strong class="rows">{facts["rows"]:,}</strong> rows.</p>{files_table(files)}'
        "<table><tr><th>column</th><th>type</th><th>null</th><th>description</th></tr>"
        f"{columns}</table></section>"
    )


def year_of(value: object) -> int | None:
    """First year an ISO-style value covers: 2006-01-31, 2006, 199X (1990), 2006/2008 (2006)."""
    if not isinstance(value, str) or len(value) < 4:
        return None
    head = value[:4].replace("X", "0")
    return int(head) if head.isdigit() else None


def counts_by_year(tables: Mapping[str, pd.DataFrame]) -> dict[str, Counter[int]]:
    counts = {}
    for name, _ in CHART_SERIES:
        frame = tables.get(name)
        values = frame["date_value"] if frame is not None and "date_value" in frame else []
        counts[name] = Counter(y for y in map(year_of, values) if y is not None)
    return counts


def chart_section(tables: Mapping[str, pd.DataFrame]) -> str:
    counts = counts_by_year(tables)
    legend = "".join(
        f'<span style="background:{color}"></span>{esc(name)} ({sum(counts[name].values())})'
        for name, color in CHART_SERIES
    )
    return (
        f'<h2>Timeline</h2><p class="legend">Dated agreements and events per year:{legend}</p>'
        + timeline_svg(counts)
    )


def timeline_svg(counts: Mapping[str, Counter[int]]) -> str:
    """Grouped bars, one group per year from the first to the last dated year."""
    years_seen = sorted(set().union(*counts.values()))
    if not years_seen:
        return "<p>No dated agreements or events in this release.</p>"
    years = list(range(years_seen[0], years_seen[-1] + 1))
    top = max(max(c.values(), default=0) for c in counts.values())
    bar = max(4, min(24, 640 // (len(years) * len(CHART_SERIES))))  # wide bars for few years
    gap, left, height, bottom = max(2, bar // 2), 36, 160, 40
    group = bar * len(CHART_SERIES) + gap
    width = left + group * len(years) + 10
    scale = height / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="timeline" role="img" width="{width}" '
        f'height="{height + bottom + 10}" viewBox="0 0 {width} {height + bottom + 10}">',
        f"<title>Dated agreements and events per year, {years[0]}–{years[-1]}</title>",
        f'<line x1="{left}" y1="{height + 10}" x2="{width - 5}" y2="{height + 10}" stroke="#888"/>',
        f'<text x="{left - 4}" y="18" text-anchor="end">{top}</text>',
        f'<text x="{left - 4}" y="{height + 10}" text-anchor="end">0</text>',
    ]
    every = max(1, len(years) // 20)  # label at most ~20 years
    for i, year in enumerate(years):
        x = left + i * group
        for j, (name, color) in enumerate(CHART_SERIES):
            n = counts[name].get(year, 0)
            if n:
                h = n * scale
                parts.append(
                    f'<rect class="bar {esc(name)}" data-year="{year}" data-count="{n}" x="{x + j * bar}" '
                    f'y="{height + 10 - h:.1f}" width="{bar - 1}" height="{h:.1f}" fill="{color}">'
                    f"<title>{year}: {n} {esc(name)}</title></rect>"
                )
        if i % every == 0:
            cx = x + bar * len(CHART_SERIES) / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{height + 24}" text-anchor="end" '
                f'transform="rotate(-45 {cx:.1f} {height + 24})">{year}</text>'
            )
    return "".join([*parts, "</svg>"])


def quality_section(quality: object) -> str:
    if not isinstance(quality, Mapping) or not quality:
        return "<h2>Quality</h2><p>No quality figures were measured for this release.</p>"
    categories = quality.get("categories", quality)
    rows = "".join(
        f"<tr><td>{esc(name)}</td>"
        + "".join(f'<td class="num">{esc(figure(scores.get(k)))}</td>' for k in ("precision", "recall", "f1"))
        + "</tr>"
        for name, scores in categories.items()
        if isinstance(scores, Mapping)
    )
    notes = []
    if "gold_set" in quality:
        notes.append(f"gold set {esc(quality['gold_set'])}")
    if "overall_f1" in quality:
        notes.append(f"overall F1 {esc(figure(quality['overall_f1']))}")
    note = "; ".join(notes)
    return (
        "<h2>Quality</h2><p>Measured against hand-checked annotations"
        + (f" ({note})" if note else "")
        + ".</p>"
        '<table id="quality"><tr><th>category</th><th class="num">precision</th><th class="num">recall</th>'
        f'<th class="num">F1</th></tr>{rows}</table>'
    )


def figure(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else "–"


def sources_section(inputs: Sequence[Mapping[str, Any]]) -> str:
    rows = "".join(
        f'<tr><td>{esc(s["source_file"])}</td><td class="hash">{esc(s["sha256"])}</td></tr>' for s in inputs
    )
    return (
        f"<h2>Sources</h2><p>{len(inputs)} raw texts were read for this release.</p>"
        f'<table id="sources"><tr><th>raw text</th><th>sha256</th></tr>{rows}</table>'
    )
