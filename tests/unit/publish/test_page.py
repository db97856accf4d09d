"""index.html renders offline in a real browser: a section per table, the chart, links that check out."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipelines.publish.changes import write_changes
from pipelines.publish.datapackage import write_datapackage
from pipelines.publish.duckdb_file import write_duckdb
from pipelines.publish.files import sha256_file
from pipelines.publish.page import page, plain_type, tick_step, timeline_svg, write_page, year_of
from pipelines.publish.release import ReleaseContext
from schemas.registry import TABLES
from tests.unit.publish.test_datapackage import publish_small, release_tables

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
QUALITY = {
    "gold_set": "gold-v1",
    "gold_sha256": "ab" * 32,
    "texts": ["d1"],
    "gold_texts_not_in_release": ["d9"],
    "overall_f1": 0.81,
    "categories": {
        "entities": {"precision": 0.9, "recall": 0.8, "f1": 0.847, "tp": 8, "fp": 1, "fn": 2},
        "dates": {"precision": 1.0},
        "agreements.parties (pairs)": {
            "precision": 0.25,
            "recall": 0.5,
            "f1": 0.333,
            "tp": 1,
            "fp": 3,
            "fn": 1,
        },
    },
    "by_text": {"d1": {"title": "A", "overall_f1": 0.81, "categories": {"entities": {"f1": 0.847}}}},
}
SNIPPETS = (
    'pd.read_parquet("agreements.parquet")',
    "duckdb.sql(\"SELECT * FROM 'agreements.parquet' LIMIT 5\").show()",
    'arrow::read_parquet("agreements.parquet")',
)


class Dom(HTMLParser):
    """The parts of the dumped DOM the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, int] = {}
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.bars: list[dict[str, str]] = []
        self.external: list[str] = []
        self.previews: dict[str, int] = {}  # table -> rows shown
        self.snippets: list[str] = []
        self._in: str | None = None
        self._preview: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.ids.add(attributes.get("id", ""))
        if tag == "section" and "data-table" in attributes:
            self.sections[attributes["data-table"]] = int(attributes["data-rows"])
        if "href" in attributes:
            self.hrefs.append(attributes["href"])
        if tag == "rect" and "bar" in attributes.get("class", ""):
            self.bars.append(attributes)
        if attributes.get("src") or (tag == "link" and attributes.get("rel") == "stylesheet"):
            self.external.append(tag)
        if tag == "table" and "data-preview" in attributes:
            self._preview = attributes["data-preview"]
            self.previews[self._preview] = -1  # the header row
        if tag == "tr" and self._preview:
            self.previews[self._preview] += 1
        if tag == "pre" and "snippet" in attributes.get("class", ""):
            self._in = "snippet"
            self.snippets.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._preview = None
        if tag == "pre":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "snippet":
            self.snippets[-1] += data


def chromium(profile: Path, *arguments: str) -> str:
    run = subprocess.run(
        [
            CHROMIUM or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def dump_dom(index: Path, profile: Path) -> str:
    return chromium(profile, "--dump-dom", index.as_uri())


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", header[16:24])


needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed: apt-get install chromium"
)


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    """A release with every companion in the order the pipeline uses."""
    return publish_small(
        tmp_path_factory.mktemp("out"),
        extra_manifest={"quality": QUALITY},
        companions=[write_changes, write_datapackage, write_duckdb],
        after_manifest=[write_page],
    )


@pytest.mark.slow
@needs_chromium
def test_page_renders_in_chromium(release, tmp_path):
    dom = Dom()
    dom.feed(dump_dom(release / "index.html", tmp_path / "profile"))
    manifest = json.loads((release / "manifest.json").read_text())
    assert dom.sections == {name: table["rows"] for name, table in manifest["tables"].items()}
    assert dom.sections["mentions"] == 5 and dom.sections["footnotes"] == 0 and len(dom.sections) == 12
    assert "svg" in dom.tags and "timeline" in dom.ids
    assert {(b["class"], b["data-year"], b["data-count"]) for b in dom.bars} == {
        ("bar agreements", "2006", "1"),
        ("bar events", "2006", "1"),
        ("bar events", "2007", "1"),
    }
    assert dom.external == [] and "script" not in dom.tags
    checksums = {
        facts["path"]: facts["sha256"] for t in manifest["tables"].values() for facts in t["files"].values()
    }
    checksums |= {facts["path"]: facts["sha256"] for facts in manifest["files"].values()}
    files = [href for href in dom.hrefs if not href.startswith("#")]
    assert len(files) >= 2 * 2 * 12 + 4  # contents and table sections link CSV + Parquet, plus companions
    for href in files:
        target = release / unquote(href)
        assert target.parent == release and target.is_file(), href
        assert sha256_file(target) == checksums[target.name], href
    assert {"datapackage.json", "CHANGES.md", "changes.json", "security_texts.duckdb"} <= {
        unquote(h) for h in files
    }
    assert {href[1:] for href in dom.hrefs if href.startswith("#")} <= dom.ids
    # the first five rows of every table that has rows, and the loading snippets
    assert dom.previews == {name: min(5, t["rows"]) for name, t in manifest["tables"].items() if t["rows"]}
    assert all(any(s in snippet for snippet in dom.snippets) for s in SNIPPETS), dom.snippets


@pytest.mark.slow
@needs_chromium
def test_page_screenshot_shows_preview_snippets_and_chart(release, tmp_path):
    """A screenshot at a laptop's width: the page lays out (no overflow wider than the window) and the
    parts a reader comes for are in the rendered DOM, in reading order."""
    shot = tmp_path / "page.png"
    chromium(
        tmp_path / "profile",
        "--window-size=1280,3000",
        f"--screenshot={shot}",
        (release / "index.html").as_uri(),
    )
    assert png_size(shot) == (1280, 3000) and shot.stat().st_size > 50_000  # a rendered page, not a blank one
    dom = dump_dom(release / "index.html", tmp_path / "profile2")
    order = [
        dom.index(marker)
        for marker in ('id="loading"', 'id="timeline"', 'id="quality"', 'data-preview="documents"')
    ]
    assert order == sorted(order)
    assert "count per year" in dom and "optimistic bound" in dom


def context(release: Path, quality: object) -> ReleaseContext:
    manifest = json.loads((release / "manifest.json").read_text()) | {"quality": quality}
    return ReleaseContext(release, release_tables(), TABLES, manifest, None)


def test_page_text_is_escaped_and_quality_shown(release):
    ctx = context(release, QUALITY)
    ctx.manifest["inputs"] = [{"source_file": "<script>alert(1)</script>.txt", "sha256": "a&b"}]
    text = page(ctx)
    assert (
        "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in text and "a&amp;b" in text
    )
    assert "1 of this release's texts (gold set <code>gold-v1</code>" in text
    assert (
        "the figures are an optimistic bound" in text
        and "Overall F1 (mean of the five categories): 0.810" in text
    )
    assert "Gold texts not in this release (not scored): d9." in text
    assert (
        '<td>entities</td><td class="num">0.900</td><td class="num">0.800</td><td class="num">0.847</td>'
        '<td class="num">8</td><td class="num">1</td><td class="num">2</td>'
    ) in text
    assert '<td>agreements.parties (pairs)</td><td class="num">0.250</td>' in text
    assert '<td>dates</td><td class="num">1.000</td><td class="num">–</td>' in text
    assert '<td title="A">d1</td><td class="num">0.810</td><td class="num">0.847</td>' in text
    assert "Release" in text and release.name in text


@pytest.mark.parametrize(
    "quality",
    [
        {"gold_set": "gold", "texts": [], "note": "none of this release's texts has gold answers in gold/"},
        None,
    ],
)
def test_page_without_gold_says_so_instead_of_zeros(release, quality):
    text = page(context(release, quality))
    section = text[text.index('<h2 id="quality">') : text.index("<h2>Sources")]
    assert "No quality figures for this release" in section
    assert "0.000" not in section and "<table" not in section
    if quality:
        assert "none of this release&#x27;s texts has gold answers in gold/" in section


def test_preview_shows_five_rows_with_lists_joined_and_long_text_cut(release):
    text = page(context(release, QUALITY))
    documents = text[text.index('data-preview="documents"') :]
    documents = documents[: documents.index("</table>")]
    assert "A. Author | B. Author" in documents
    assert documents.count("<tr>") == 1 + 2  # header and the two documents
    assert all(len(cell) <= 60 for cell in re.findall(r"<td>([^<]*)</td>", documents))
    assert "Preview: all 2 rows." in text and "Preview: first 5 of" not in text  # no table has more than 5


@pytest.mark.parametrize(
    ("arrow", "plain"),
    [
        ("string", "text"),
        ("date32[day]", "date"),
        ("list<item: string>", "list of text"),
        ("dictionary<values=string, indices=int32, ordered=0>", "category"),
        ("int64", "integer"),
        ("bool", "true/false"),
        ("double", "number"),
        ("timestamp[us, tz=UTC]", "date and time"),
    ],
)
def test_plain_column_types(arrow, plain):
    assert plain_type(arrow) == plain


@pytest.mark.parametrize(("top", "step"), [(1, 1), (5, 1), (6, 2), (15, 5), (26, 10), (101, 50), (240, 50)])
def test_gridline_step(top, step):
    assert tick_step(top) == step


def test_chart_has_gridlines_axis_labels_and_counts():
    svg = timeline_svg({"agreements": Counter({2006: 1}), "events": Counter({2006: 15, 2007: 14})})
    assert [int(v) for v in re.findall(r'class="tick"[^>]*>(\d+)<', svg)] == [0, 5, 10, 15]
    assert svg.count('class="grid"') == 4
    assert "count per year" in svg and ">year</text>" in svg
    assert sorted(int(n) for n in re.findall(r'class="count"[^>]*>(\d+)<', svg)) == [1, 14, 15]


def test_years_and_empty_chart():
    assert [year_of(v) for v in ("2006-01-31", "2007", "199X", "2006/2008", None, "X")] == [
        2006,
        2007,
        1990,
        2006,
        None,
        None,
    ]
    assert "No dated agreements or events" in timeline_svg({"agreements": {}, "events": {}})
