"""The web pages, rendered in process (the browser tests drive them in Chromium)."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from amity.web import i18n

ROOT = Path(__file__).parent.parent.parent


def test_pages_render(small_client, small):
    for url in ("/", "/search?q=武汉", f"/places/{small.place['wuhan']}", f"/partnerships/{small.partnerships[0]}",
                "/partnerships/new", "/stats?country=CN", "/stats?bloc=SCO&as_of=2021-06-02"):
        response = small_client.get(url)
        assert response.status_code == 200, url
        assert "<html" in response.text
        assert not re.search(r"""(src|href)=["']https?://""", response.text), url   # nothing from elsewhere


@pytest.mark.parametrize(("lang", "text"), [("zh", "首页"), ("ru", "Главная"), ("en", "Home")])
def test_every_page_switches_language(small_client, small, lang, text):
    response = small_client.get(f"/places/{small.place['wuhan']}?lang={lang}")
    assert text in response.text and f'lang="{lang}"' in response.text
    assert response.cookies.get("lang") == lang


def test_search_page_finds_places_in_three_scripts(small_client, small):
    for q in ("武汉", "Ухань", "Wuhan"):
        assert f'href="/places/{small.place["wuhan"]}"' in small_client.get("/search", params={"q": q}).text


def test_search_falls_back_to_the_resolver(small_client, small):
    page = small_client.get("/search", params={"q": "Wuhan City of Hubei Province"}).text
    assert f'href="/places/{small.place["wuhan"]}"' in page


def test_form_errors_stand_next_to_their_fields(small_client, small):
    response = small_client.post("/partnerships/new", data={"place_a": "Springfield", "place_b": "Wuhan",
                                                            "kind": "sister"})
    assert response.status_code == 422
    assert 'id="e-place_a"' in response.text and "candidates" in response.text
    response = small_client.post("/partnerships/new", data={"place_a": "", "place_b": "Wuhan", "kind": "sister"})
    assert 'id="e-place_a"' in response.text
    response = small_client.post("/partnerships/new", data={"place_a": "Minsk", "place_b": "Almaty", "kind": "sister",
                                                            "established": "2021-13"})
    assert 'id="e-established"' in response.text


def test_adding_and_changing_through_forms(small_client, small):
    response = small_client.post("/partnerships/new", data={"place_a": "Minsk", "place_b": "Almaty", "kind": "sister",
                                                            "established": "2019", "source": "Press release"})
    assert response.status_code == 303
    page = response.headers["location"]
    pid = int(re.search(r"/partnerships/(\d+)", page)[1])
    changed = small_client.post(f"/partnerships/{pid}/status", data={"status": "dormant", "date": "2024",
                                                                     "version": "1"})
    assert changed.status_code == 303
    stale = small_client.post(f"/partnerships/{pid}/status", data={"status": "active", "date": "2025",
                                                                   "version": "1"})
    assert stale.status_code == 422 and "read it again" in stale.text


def test_catalogues_translate_every_message():
    method_map = [("amity/web/**.py", "python"), ("amity/web/templates/**.html", "jinja2")]
    options = {"amity/web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    messages = {message for _, _, message, *_ in extract_from_dir(str(ROOT), method_map, options)}
    messages = {m if isinstance(m, str) else m[0] for m in messages}
    for lang in ("zh", "ru"):
        with (i18n.LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle)
        translated = {m.id for m in catalog if m.id and m.string}
        assert messages - translated == set(), lang


def test_publishing_what_a_place_seeks_and_seeing_its_matches(small_client, small, db):
    assert "No place is seeking partners yet." in small_client.get("/seek").text
    harbin = small_client.post("/seek", data={"place": "Harbin", "areas": ["economy", "culture"], "countries": "BY",
                                              "text": "Trade fairs", "expires": "2099"})
    assert harbin.status_code == 303
    minsk = small_client.post("/seek", data={"place": "Minsk", "areas": ["economy"], "countries": "CN"})
    page = small_client.get(harbin.headers["location"]).text
    assert "Harbin seeks partners" in page and "Trade fairs" in page and "economy and trade" in page
    mutual = page.split('class="card mutual"')[1].split("</section>")[0]
    assert minsk.headers["location"] in mutual                       # each is what the other seeks
    recommended = page.split('class="card recommended"')[1]
    assert "Belarus" in recommended and "China" not in recommended   # the wish filters the recommendations
    listing = small_client.get("/seek?lang=zh").text
    assert "寻找伙伴" in listing and "经贸" in listing and listing.count('href="/seek/') == 2


def test_a_wrong_wish_is_shown_next_to_its_field_and_nothing_is_kept(small_client, small):
    for data, field in (({"place": "", "areas": ["economy"]}, "place"),
                        ({"place": "Harbin", "countries": "XX"}, "countries"),
                        ({"place": "Harbin", "min_population": "many"}, "min_population"),
                        ({"place": "Harbin", "expires": "2001"}, "expires"),
                        ({"place": "Springfield"}, "place")):
        response = small_client.post("/seek", data=data)
        assert response.status_code == 422, data
        assert f'id="e-{field}"' in response.text, data
    assert "No place is seeking partners yet." in small_client.get("/seek").text
