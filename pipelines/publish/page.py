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
PREVIEW_ROWS = 5
PREVIEW_CHARS = 60
LOADING_EXAMPLE = ("agreements", "events", "entities")  # the table the snippets load, first one present
DUCKDB_FILE = "security_texts.duckdb"
PLAIN_TYPES = (  # Arrow type name prefix -> what a reader calls it
    ("string", "text"),
    ("large_string", "text"),
    ("date32", "date"),
    ("date64", "date"),
    ("bool", "true/false"),
    ("int", "integer"),
    ("uint", "integer"),
    ("double", "number"),
    ("float", "number"),
    ("decimal", "number"),
)
CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;max-width:68rem;
margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .3rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
th,td{border:1px solid #d5d9e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f3f7}td.num,th.num{text-align:right}
code,.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}.hash{word-break:break-all}
.meta{color:#4a5566}.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}
svg text{font:11px system-ui,sans-serif;fill:#1d2430}svg .axis{font-size:12px;font-weight:600}
pre.snippet{background:#f4f6f9;border:1px solid #d5d9e0;padding:.5rem .75rem;overflow-x:auto;margin:.2rem 0 .8rem}
.scroll{overflow-x:auto}table.preview{font-size:.85em}table.preview td{white-space:nowrap}
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
        loading_section(tables),
        downloads(manifest.get("files") or {}),  # type: ignore[arg-type]
        chart_section(ctx.tables),
        quality_section(manifest.get("quality")),
        sources_section(manifest.get("inputs") or []),  # type: ignore[arg-type]
        "<h2>Conventions</h2><p>CSV: UTF-8, comma separated, RFC 4180 quoting, ISO dates, lists joined "
        f"with <code>{esc(LIST_SEPARATOR)}</code>, nulls as empty cells; a text cell a spreadsheet would run "
        "as a formula starts with <code>'</code>. Parquet keeps exact types (dates, lists).</p>",
    ]
    body += [
        table_section(name, facts, ctx.models.get(name), ctx.tables.get(name))
        for name, facts in tables.items()
    ]
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


def plain_type(arrow_type: str) -> str:
    """A Parquet (Arrow) type as a reader says it: `dictionary<values=string, ...>` is a category."""
    if arrow_type.startswith("dictionary<"):
        return "category"
    if arrow_type.startswith(("list<", "large_list<")):
        inner = arrow_type.split(":", 1)[-1].rstrip(">").strip() if ":" in arrow_type else "string"
        return f"list of {plain_type(inner)}"
    if arrow_type.startswith("timestamp"):
        return "date and time"
    for prefix, plain in PLAIN_TYPES:
        if arrow_type.startswith(prefix):
            return plain
    return arrow_type


def cell(value: object) -> str:
    """A preview cell: lists joined as in the CSV, nulls blank, long texts cut."""
    if value is None or (
        not isinstance(value, list | tuple) and not hasattr(value, "tolist") and pd.isna(value)
    ):
        return ""
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, list | tuple):
        value = f" {LIST_SEPARATOR} ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1].rstrip() + "…"


def preview(name: str, frame: pd.DataFrame | None) -> str:
    if frame is None or frame.empty:
        return '<p class="meta">No rows in this release.</p>'
    head = frame.head(PREVIEW_ROWS)
    header = "".join(f"<th>{esc(c)}</th>" for c in head.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(cell(v))}</td>" for v in record) + "</tr>"
        for record in head.itertuples(index=False, name=None)
    )
    shown = (
        f"first {len(head)} of {len(frame):,} rows" if len(frame) > len(head) else f"all {len(frame)} rows"
    )
    return (
        f'<p class="meta">Preview: {shown}.</p><div class="scroll"><table class="preview" '
        f'data-preview="{esc(name)}"><tr>{header}</tr>{rows}</table></div>'
    )


def table_section(
    name: str, facts: Mapping[str, Any], model: type[pa.DataFrameModel] | None, frame: pd.DataFrame | None
) -> str:
    schema = model.to_schema() if model else None
    descriptions = {c: spec.description or "" for c, spec in schema.columns.items()} if schema else {}
    columns = "".join(
        f"<tr><td><code>{esc(c['name'])}</code></td>"
        f'<td title="Parquet: {esc(c["type"])}">{esc(plain_type(c["type"]))}</td>'
        f"<td>{'yes' if c['nullable'] else 'no'}</td><td>{esc(descriptions.get(c['name'], ''))}</td></tr>"
        for c in facts["columns"]
    )
    files = [file_row(facts["files"][kind], kind) for kind in ("csv", "parquet") if kind in facts["files"]]
    return (
        f'<section id="table-{esc(name)}" class="table" data-table="{esc(name)}" data-rows="{facts["rows"]}">'
        f"<h2>{esc(name)}</h2><p>{esc(schema.description if schema else '')}</p>"
        f'<p><strong class="rows">{facts["rows"]:,}</strong> rows.</p>{files_table(files)}'
        "<table><tr><th>column</th><th>type</th><th>null</th><th>description</th></tr>"
        f"{columns}</table>{preview(name, frame)}</section>"
    )


def loading_section(tables: Mapping[str, Any]) -> str:
    """Copy-paste snippets that load a table of this release, run from the folder holding this page."""
    name = next((n for n in LOADING_EXAMPLE if n in tables), next(iter(tables), "documents"))
    snippets = [
        (
            "Python, pandas",
            f'import pandas as pd\n{name} = pd.read_parquet("{name}.parquet")\nprint({name}.head())',
        ),
        (
            "Python, DuckDB (SQL over the Parquet files, or the database file with every table and view)",
            f"import duckdb\nduckdb.sql(\"SELECT * FROM '{name}.parquet' LIMIT 5\").show()\n"
            f'duckdb.connect("{DUCKDB_FILE}", read_only=True).sql("SELECT * FROM timeline LIMIT 5").show()',
        ),
        ("R, arrow", f'library(arrow)\n{name} <- arrow::read_parquet("{name}.parquet")\nhead({name})'),
        ("Anything else", f"{name}.csv: UTF-8, a header row, comma separated (see Conventions)."),
    ]
    blocks = "".join(
        f'<p class="meta">{esc(label)}</p><pre class="snippet"><code>{esc(code)}</code></pre>'
        for label, code in snippets
    )
    return (
        '<h2 id="loading">Load the data</h2><p>From the folder holding this page (replace '
        f"<code>{esc(name)}</code> by any table name above):</p>{blocks}"
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


def tick_step(top: int, most: int = 5) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... that gives at most `most` gridlines above zero."""
    step, factors = 1, (2, 2.5, 2)  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 ...
    i = 0
    while top / step > most:
        step = int(step * factors[i % 3])
        i += 1
    return step


def timeline_svg(counts: Mapping[str, Counter[int]]) -> str:
    """Grouped bars, one group per year from the first to the last dated year, each bar with its count,
    over horizontal gridlines on a labelled count axis."""
    years_seen = sorted(set().union(*counts.values()))
    if not years_seen:
        return "<p>No dated agreements or events in this release.</p>"
    years = list(range(years_seen[0], years_seen[-1] + 1))
    highest = max(max(c.values(), default=0) for c in counts.values())
    step = tick_step(highest)
    top = step * -(-highest // step)  # the first gridline at or above the highest bar
    bar = max(4, min(24, 640 // (len(years) * len(CHART_SERIES))))  # wide bars for few years
    gap, left, height, bottom, above = max(2, bar // 2), 56, 180, 56, 16
    group = bar * len(CHART_SERIES) + gap
    width = left + group * len(years) + 10
    base = above + height  # y of the zero line
    scale = height / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="timeline" role="img" width="{width}" '
        f'height="{base + bottom}" viewBox="0 0 {width} {base + bottom}">',
        f"<title>Dated agreements and events per year, {years[0]}–{years[-1]}</title>",
    ]
    for value in range(0, top + 1, step):
        y = base - value * scale
        parts.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - 5}" y2="{y:.1f}" '
            f'stroke="{"#888" if value == 0 else "#e1e5eb"}"/>'
            f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    middle = above + height / 2
    parts.append(
        f'<text class="axis" x="14" y="{middle:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {middle:.1f})">count per year</text>'
        f'<text class="axis" x="{left + (width - left) / 2:.1f}" y="{base + bottom - 4}" '
        'text-anchor="middle">year</text>'
    )
    every = max(1, len(years) // 20)  # label at most ~20 years
    for i, year in enumerate(years):
        x = left + i * group
        for j, (name, color) in enumerate(CHART_SERIES):
            n = counts[name].get(year, 0)
            if n:
                h, bx = n * scale, x + j * bar
                parts.append(
                    f'<rect class="bar {esc(name)}" data-year="{year}" data-count="{n}" x="{bx}" '
                    f'y="{base - h:.1f}" width="{bar - 1}" height="{h:.1f}" fill="{color}">'
                    f"<title>{year}: {n} {esc(name)}</title></rect>"
                )
                if bar >= 10:  # room for the count over the bar
                    parts.append(
                        f'<text class="count" x="{bx + (bar - 1) / 2:.1f}" y="{base - h - 3:.1f}" '
                        f'text-anchor="middle">{n}</text>'
                    )
        if i % every == 0:
            cx = x + bar * len(CHART_SERIES) / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{base + 14}" text-anchor="end" '
                f'transform="rotate(-45 {cx:.1f} {base + 14})">{year}</text>'
            )
    return "".join([*parts, "</svg>"])


def quality_section(quality: object) -> str:
    """The figures and what they are measured on; for a release whose texts have no gold, say so."""
    if not isinstance(quality, Mapping) or not quality.get("categories"):
        note = quality.get("note") if isinstance(quality, Mapping) else None
        return (
            '<h2 id="quality">Quality</h2><p id="quality-note">No quality figures for this release: '
            + esc(note or "none were measured")
            + ". The figures of other releases were measured on other texts and say nothing about these.</p>"
        )
    texts = quality.get("texts") or []
    absent = quality.get("gold_texts_not_in_release") or []
    head = "".join(f'<th class="num">{k}</th>' for k in ("precision", "recall", "F1", "tp", "fp", "fn"))
    rows = "".join(
        f"<tr><td>{esc(name)}</td>"
        + "".join(f'<td class="num">{esc(figure(scores.get(k)))}</td>' for k in ("precision", "recall", "f1"))
        + "".join(f'<td class="num">{esc(scores.get(k, "–"))}</td>' for k in ("tp", "fp", "fn"))
        + "</tr>"
        for name, scores in quality["categories"].items()
        if isinstance(scores, Mapping)
    )
    gold = esc(quality.get("gold_set") or "eval/gold")
    text = (
        f'<h2 id="quality">Quality</h2><p id="quality-note">Measured against an analyst\'s answers for '
        f"{len(texts)} of this release's texts (gold set <code>{gold}</code>, "
        f'sha256 <span class="hash">{esc(quality.get("gold_sha256", ""))}</span>). '
        "<strong>These are the development texts: the extraction rules were written while looking at "
        "them, so the figures are an optimistic bound, not an estimate of the quality on other texts.</strong>"
        f" Overall F1 (mean of the five categories): {esc(figure(quality.get('overall_f1')))}. "
        "Parties and participants are scored as pairs: each one given for a matched agreement or event "
        "is checked against the answers, so a wrong party costs precision.</p>"
    )
    if absent:
        text += f'<p class="meta">Gold texts not in this release (not scored): {esc(", ".join(absent))}.</p>'
    text += f'<table id="quality-figures"><tr><th>category</th>{head}</tr>{rows}</table>'
    return text + by_text_table(quality.get("by_text") or {})


def by_text_table(by_text: Mapping[str, Any]) -> str:
    if not by_text:
        return ""
    names = list(dict.fromkeys(c for t in by_text.values() for c in t.get("categories", {})))
    head = "".join(f'<th class="num">{esc(c)}</th>' for c in names)
    rows = "".join(
        f'<tr><td title="{esc(t.get("title") or "")}">{esc(stem)}</td>'
        f'<td class="num">{esc(figure(t.get("overall_f1")))}</td>'
        + "".join(f'<td class="num">{esc(figure(t["categories"].get(c, {}).get("f1")))}</td>' for c in names)
        + "</tr>"
        for stem, t in by_text.items()
    )
    return (
        '<p class="meta">F1 per text:</p><div class="scroll"><table id="quality-by-text">'
        f'<tr><th>text</th><th class="num">overall</th>{head}</tr>{rows}</table></div>'
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
