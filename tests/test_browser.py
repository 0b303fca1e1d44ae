"""The network page in a real headless browser (Debian's chromium driven by Playwright).

The seed corpus is built, its ``network.html`` opened from ``file://`` with every non-file
request blocked, and the page's own objects are checked: no console or page errors, every node
of :func:`diplokg.render.network_data` drawn, the search box and the type filter change what is
visible. A screenshot is written to the build folder and, when ``DIPLOKG_SCREENSHOT_DIR`` is
set (``.ci/run`` sets it to ``output/``), there too.

Playwright never downloads a browser here: it starts ``chromium`` from the system. Without it
the tests are skipped, except under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from diplokg.build import build
from diplokg.namespace import DK, DKR
from diplokg.render import network_data, write_network_html
from test_render import make_graph
from test_viz import synthetic_graph

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _chromium() -> str:
    path = os.environ.get("DIPLOKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        message = "chromium is not installed (apt-get install chromium; .ci/run does it)"
        if IN_CI:
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        if IN_CI:
            pytest.fail("CI=true but the playwright package is missing")
        pytest.skip("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A page opened from a file, with its console errors, page errors, dialogs and the
    requests it tried to make outside ``file://`` (all blocked)."""

    def __init__(self, browser, path: Path, timeout_ms: int = 60_000):
        self.errors: list[str] = []
        self.external: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.diplokg && window.diplokg.ready === true",
                                    timeout=timeout_ms)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def visible(self) -> int:
        return self.page.evaluate("window.diplokg.visibleNodeCount()")

    def screenshot(self, name: str, folder: Path) -> Path:
        path = folder / name
        self.page.screenshot(path=str(path))
        target = os.environ.get("DIPLOKG_SCREENSHOT_DIR")
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, Path(target) / name)
        return path


@pytest.fixture(scope="module")
def seed_page(browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser-seed")
    build(ROOT / "corpus", out)
    page = Page(browser, out / "network.html")
    yield page, out, Graph().parse(out / "graph.ttl")
    page.page.close()


def test_seed_page_draws_every_node_without_errors(seed_page):
    page, out, graph = seed_page
    nodes, edges = network_data(graph)
    assert page.errors == []
    assert page.external == []
    drawn = page.page.evaluate(
        "[window.diplokgNodes.length, window.diplokgEdges.length,"
        " window.diplokgNetwork.body.nodeIndices.length]")
    assert drawn == [len(nodes), len(edges), len(nodes)]
    ids = set(page.page.evaluate("window.diplokgNodes.getIds()"))
    assert ids == {n["id"] for n in nodes}
    # physics is off once the layout is stable: the picture does not drift
    assert page.page.evaluate("window.diplokgNetwork.physics.options.enabled") is False
    shot = page.screenshot("screenshot-network.png", out)
    assert shot.stat().st_size > 10_000


def test_search_box_filters_visible_nodes(seed_page):
    page, _, graph = seed_page
    nodes, edges = network_data(graph)
    total = len(nodes)
    person = max((n for n in nodes if n["type"] == "person"), key=lambda n: n["size"])
    surname = person["name"].split()[-1]
    assert page.visible() == total
    page.page.fill("#search", surname.lower())
    neighbours = {e["to"] for e in edges if e["from"] == person["id"]}
    neighbours |= {e["from"] for e in edges if e["to"] == person["id"]}
    visible = page.visible()
    assert len(neighbours) < visible < total
    shown = set(page.page.evaluate(
        "window.diplokgNodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.id; })"))
    assert {person["id"]} | neighbours <= shown
    assert "match" in page.page.inner_text("#search-status")
    page.page.fill("#search", "no such name at all")
    assert page.visible() == 0
    page.page.fill("#search", "")
    assert page.visible() == total


def test_type_filter_and_country_colours(seed_page):
    page, out, graph = seed_page
    nodes, _ = network_data(graph)
    topics = sum(1 for n in nodes if n["type"] == "topic")
    assert topics > 0
    page.page.uncheck('#type-filter input[data-type="topic"]')
    assert page.visible() == len(nodes) - topics
    page.page.check('#type-filter input[data-type="topic"]')
    assert page.visible() == len(nodes)

    person = next(n for n in nodes if n["type"] == "person" and n.get("country"))
    colour = "window.diplokgNodes.get(%r).color.background" % person["id"]
    assert page.page.evaluate(colour) == person["color"]["background"]
    page.page.check("#colour-by-country")
    assert page.page.evaluate(colour) == person["countryColour"]
    page.screenshot("screenshot-network-by-country.png", out)
    page.page.uncheck("#colour-by-country")
    assert page.errors == []


def test_hostile_text_stays_text(browser, tmp_path):
    g = make_graph()
    payload = "<img src=x onerror=alert(1)>"
    g.set((DKR["person/ana"], RDFS.label, Literal(payload)))
    g.add((DKR["meeting/1"], DK.evidence, Literal(f"</script><script>alert(2)</script>{payload}")))
    path = tmp_path / "hostile.html"
    write_network_html(g, path, title=payload)
    page = Page(browser, path)
    page.page.wait_for_timeout(500)   # an injected <img onerror> would fire by now
    assert page.dialogs == [] and page.errors == []
    assert page.page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.page.title() == payload
    # the tooltip element holds the text itself
    tip = page.page.evaluate(
        "window.diplokgNodes.get(%r).title.textContent" % str(DKR["person/ana"]))
    assert tip.startswith(payload)
    page.page.close()


def test_large_page_uses_precomputed_layout(browser, tmp_path):
    graph = synthetic_graph(persons=300, meetings=500, agreements=20)
    path = tmp_path / "large.html"
    stats = write_network_html(graph, path, max_nodes=600)
    assert stats["nodes"] == 600 and stats["note"]
    page = Page(browser, path, timeout_ms=30_000)
    assert page.errors == [] and page.external == []
    assert page.page.evaluate("window.diplokgNetwork.body.nodeIndices.length") == 600
    assert "Large graph" in page.page.inner_text("#large-graph-note")
    page.screenshot("screenshot-network-large.png", tmp_path)
    page.page.close()
