"""index.html renders offline in a real browser: a section per table, the chart, links that check out."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipelines.publish.changes import write_changes
from pipelines.publish.datapackage import write_datapackage
from pipelines.publish.duckdb_file import write_duckdb
from pipelines.publish.files import sha256_file
from pipelines.publish.page import page, timeline_svg, write_page, year_of
from pipelines.publish.release import ReleaseContext
from schemas.registry import TABLES
from tests.unit.publish.test_datapackage import publish_small, release_tables

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
QUALITY = {
    "gold_set": "gold-v1",
    "overall_f1": 0.81,
    "categories": {"entities": {"precision": 0.9, "recall": 0.8, "f1": 0.847}, "dates": {"precision": 1.0}},
}


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


def dump_dom(index: Path, profile: Path) -> str:
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
            "--dump-dom",
            index.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


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
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
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


def test_page_text_is_escaped_and_quality_shown(release):
    ctx = ReleaseContext(
        release, release_tables(), TABLES, json.loads((release / "manifest.json").read_text()), None
    )
    ctx.manifest["inputs"] = [{"source_file": "<script>alert(1)</script>.txt", "sha256": "a&b"}]
    text = page(ctx)
    assert (
        "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in text and "a&amp;b" in text
    )
    assert "gold set gold-v1; overall F1 0.810" in text
    assert (
        '<td>entities</td><td class="num">0.900</td><td class="num">0.800</td><td class="num">0.847</td>'
        in text
    )
    assert '<td>dates</td><td class="num">1.000</td><td class="num">–</td>' in text
    assert "Release" in text and release.name in text


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
