"""index.html in a real browser: headless Chromium (Debian's), driven by Playwright.

`playwright install` cannot download a browser here, so the system's ``chromium`` is used.
Without it the module is skipped, except under CI (``CI`` set), where a missing browser
fails: `.ci/run` installs it.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import RAW_DOCUMENT
from kerava_etl.pipeline import build

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ROWS = "#toimenpidetaulukko tbody tr"


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").is_file():
        found = "/usr/bin/chromium"
    return found


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        unavailable("no chromium on PATH (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "out"
    assert build([RAW_DOCUMENT], out).exit_code == 0
    return out


@pytest.fixture(scope="module")
def records(out: Path) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads((out / "actions.json").read_text("utf-8"))
    return loaded


class Visit:
    """The page opened offline, with every request and console message recorded."""

    def __init__(self, browser: Any, out: Path, viewport: dict[str, int], script: bool = True):
        self.url = (out / "index.html").resolve().as_uri()
        self.context = browser.new_context(viewport=viewport, java_script_enabled=script)
        self.context.set_offline(True)
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: self.console.append((message.type, message.text)))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(self.url, wait_until="load")

    def visible_lines(self) -> list[int]:
        ids: list[str] = self.page.eval_on_selector_all(
            ROWS, "rows => rows.filter(row => !row.hidden && row.offsetParent).map(row => row.id)"
        )
        return [int(anchor.rsplit("-", 1)[1]) for anchor in ids]


@pytest.fixture
def visit(browser: Any, out: Path) -> Iterator[Visit]:
    opened = Visit(browser, out, DESKTOP)
    yield opened
    opened.context.close()


def lines_containing(records: list[dict[str, Any]], word: str) -> list[int]:
    """The rows whose fields hold ``word`` (any case): what the search must leave."""

    def texts(record: dict[str, Any]) -> list[str]:
        values = [v if isinstance(v, list) else [v] for v in record.values() if v is not None]
        return [str(item).lower() for items in values for item in items]

    return [r["source_line"] for r in records if any(word.lower() in text for text in texts(r))]


def test_loads_offline_with_no_request_and_no_console_error(visit: Visit) -> None:
    assert visit.requests == [visit.url]
    assert [m for m in visit.console if m[0] in ("error", "warning")] == []
    assert visit.errors == []
    assert visit.page.title().startswith("Keravan kaupunkistrategian toimenpideohjelmat")


def test_the_table_shows_every_action(visit: Visit, records: list[dict[str, Any]]) -> None:
    assert visit.page.locator("#haku").is_visible()  # the script unhid the search form
    assert visit.visible_lines() == [r["source_line"] for r in records]
    assert len(records) == 141
    assert visit.page.locator("#nakyvissa").inner_text() == "141 toimenpidettä"


def test_search_narrows_rows_to_those_holding_the_word(
    visit: Visit, records: list[dict[str, Any]]
) -> None:
    expected = lines_containing(records, "kirjasto")
    assert 0 < len(expected) < len(records)
    visit.page.locator("#hakusana").fill("Kirjasto")
    assert visit.visible_lines() == expected
    status = visit.page.locator("#nakyvissa").inner_text()
    assert status == f"Näytetään {len(expected)} / 141 toimenpidettä"
    visit.page.locator("#hakusana").fill("kirjasto lapsi")  # every word must occur
    both = sorted(set(expected) & set(lines_containing(records, "lapsi")))
    assert visit.visible_lines() == both and len(both) < len(expected)
    visit.page.locator("#hakusana").fill("")
    assert len(visit.visible_lines()) == len(records)


def test_board_filter_narrows_rows_to_that_board(
    visit: Visit, records: list[dict[str, Any]]
) -> None:
    board = "Kaupunkitekniikan lautakunta"
    visit.page.select_option("#suodin-board", board)
    expected = [r["source_line"] for r in records if r["board"] == board]
    assert visit.visible_lines() == expected and len(expected) == 23  # boards.csv: 23
    visit.page.select_option("#suodin-board", "(ei toimielintä)")
    assert visit.visible_lines() == [12, 13, 14, 15, 16]  # the table without a board line
    visit.page.select_option("#suodin-spearhead", "Tasapainoinen talous")
    assert visit.visible_lines() == [12, 13, 14, 15, 16]  # both filters hold
    visit.page.select_option("#suodin-spearhead", "Sydämessä keravalainen")
    assert visit.visible_lines() == []  # none of the five is of this spearhead
    visit.page.locator("#haku button[type=reset]").click()
    # The page applies a reset after the form's own (a zero timeout): so does this check.
    visit.page.evaluate("() => new Promise(done => setTimeout(done, 0))")
    assert len(visit.visible_lines()) == len(records)


def test_charts_are_visible(visit: Visit) -> None:
    charts = visit.page.locator("svg.chart")
    visible = [i for i in range(charts.count()) if charts.nth(i).is_visible()]
    assert len(visible) >= 2
    for index in visible:
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100


def test_without_javascript_the_whole_table_is_there(
    browser: Any, out: Path, records: list[dict[str, Any]]
) -> None:
    plain = Visit(browser, out, DESKTOP, script=False)
    try:
        assert len(plain.visible_lines()) == len(records)
        assert not plain.page.locator("#haku").is_visible()
    finally:
        plain.context.close()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_at_desktop_and_phone_width(
    browser: Any, out: Path, tmp_path: Path, size: dict[str, int]
) -> None:
    """Screenshots for a person to read: the top, the charts and the table, at each width."""
    shown = Visit(browser, out, size)
    try:
        # Nothing wider than the screen: the page never scrolls sideways.
        assert shown.page.evaluate("document.scrollingElement.scrollWidth") <= size["width"]
        name = f"index-{size['width']}x{size['height']}"
        for part in ("top", "kaaviot", "toimenpiteet", "laatu", "lahde"):
            if part != "top":
                shown.page.evaluate(f"document.getElementById('{part}').scrollIntoView()")
            path = tmp_path / f"{name}-{part}.png"
            shown.page.screenshot(path=str(path))
            assert path.stat().st_size > 10_000, path
        # A search, and the first row found opened to its full text.
        shown.page.locator("#hakusana").fill("kirjasto")
        shown.page.locator(f"{ROWS}:not([hidden]) details").first.evaluate("d => d.open = true")
        shown.page.evaluate("document.getElementById('haku').scrollIntoView()")
        shown.page.screenshot(path=str(tmp_path / f"{name}-haku.png"))
        print(f"screenshots: {tmp_path}")
    finally:
        shown.context.close()
