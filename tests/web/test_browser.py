"""The web app in a real headless Chromium (Debian's), driven by Playwright, on the world registry.

Set AMITY_SCREENSHOTS=docs/screenshots to also save the main pages at 1280×800.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from amity.app import create_app
from amity.storage import open_database

CHROMIUM = os.environ.get("AMITY_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(world_sqlite_file, tmp_path_factory):
    import uvicorn

    copy = tmp_path_factory.mktemp("browser") / "amity.sqlite3"
    shutil.copy(world_sqlite_file, copy)
    app = create_app(open_database(f"sqlite:///{copy}"), warm=True)
    port = _free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not instance.started and time.time() < deadline:
        time.sleep(0.05)
    assert instance.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (.ci/run installs Debian's chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    tab = context.new_page()
    yield tab
    context.close()


def shoot(page, name: str) -> None:
    folder = os.environ.get("AMITY_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_home_search_place_map_language_and_form(server, page):
    page.goto(server + "/")
    page.wait_for_selector("figure[data-ready]")
    assert int(page.get_attribute("figure[data-map]", "data-ready")) > 10_000     # every partnered place
    assert page.locator(".markers .cluster").count() > 20                          # clustered when zoomed out
    assert page.locator(".arcs path").count() > 100
    shoot(page, "home")

    page.fill("header input[name=q]", "武汉")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    shoot(page, "search")
    page.click("table.results a:text-is('Wuhan')")
    page.wait_for_selector("h1:has-text('Wuhan')")
    page.wait_for_selector("figure[data-ready]")
    partners = page.locator("table.partners tbody tr").count()
    assert partners >= 20
    # Wuhan and each of its partners are drawn (singly or in clusters) with an arc to each.
    assert page.locator(".arcs path").count() == partners
    assert page.locator(".markers a, .markers .cluster").count() >= 2
    shoot(page, "place")

    page.click(".langs a[hreflang=ru]")
    page.wait_for_selector("nav a:text-is('Главная')")
    assert "Партнёры (" in page.inner_text("main")
    assert page.locator("h2:has-text('Рекомендуемые партнёры')").count() == 1
    assert page.locator("section.recommended tbody tr").count() == 5
    assert page.get_attribute("html", "lang") == "ru"

    page.goto(server + "/partnerships/new?lang=en")
    page.fill("#f-place_a", "Chongzuo")
    page.fill("#f-place_b", "Рыбинск")
    page.select_option("#f-kind", "sister")
    page.fill("#f-established", "2021-06-02")
    page.fill("#f-source", "Press release, SCO Friendship Cities + sub-forum, Wuhan")
    shoot(page, "add-partnership")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    errors = page.locator(".field-error").all_inner_texts()
    assert not errors, errors
    assert "/partnerships/" in page.url and "new" not in page.url, (page.url, page.inner_text("main")[:500])
    page.wait_for_selector(".notice")
    assert "Chongzuo" in page.inner_text("h1") and "Rybinsk" in page.inner_text("h1")
    shoot(page, "partnership")


def test_form_shows_errors_next_to_fields_in_the_browser(server, page):
    page.goto(server + "/partnerships/new?lang=zh")
    page.fill("#f-place_b", "Wuhan")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#e-place_a")
    assert "必填" in page.inner_text("#e-place_a")


def test_stats_page_in_the_browser(server, page):
    page.goto(server + "/stats?country=CN&as_of=2021-06-02&lang=en")
    page.wait_for_selector(".figures")
    # 1,840 shipped pairs, plus the one the form test may have added.
    assert page.inner_text(".figure b >> nth=0") in ("1,840", "1,841")
    shoot(page, "stats")


def test_partner_search_publishes_a_wish_and_shows_its_matches(server, page):
    page.goto(server + "/seek?lang=en")
    page.fill("#f-place", "Suifenhe")
    page.check("input[name=areas][value=economy]")
    page.check("input[name=areas][value=culture]")
    page.select_option("#f-bloc", "SCO")
    page.fill("#f-text", "Border trade and a joint culture festival")
    page.fill("#f-expires", "2099")
    page.click("main form button[type=submit]")
    page.wait_for_selector("section.recommended tbody tr")
    assert "Suifenhe seeks partners" in page.inner_text("h1")
    rows = page.locator("section.recommended tbody tr")
    assert rows.count() == 10
    countries = {rows.nth(n).locator("td").nth(1).inner_text() for n in range(rows.count())}
    assert "China" not in countries and "Russia" in countries       # SCO members abroad
    assert "km apart" in page.inner_text("section.recommended")      # each with its reasons
    shoot(page, "seek")
    page.goto(server + "/seek?lang=ru")
    assert "Suifenhe" in page.inner_text("table.profiles") and "экономика и торговля" in page.inner_text("table.profiles")
