"""Every API route, in process, on the small registry, with the one error shape."""

import pytest

ERROR_KEYS = {"status", "code", "message", "details"}


def assert_error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS and body["status"] == status and body["code"] == code
    return body


def test_search_places_in_any_script(small_client, small):
    for q in ("Wuhan", "武汉", "Ухань"):
        found = small_client.get("/api/places", params={"q": q}).json()
        assert found[0]["id"] == small.place["wuhan"] and found[0]["names"]["zh"] == "武汉"


def test_get_place_and_names(small_client, small):
    body = small_client.get(f"/api/places/{small.place['wuhan']}").json()
    assert body["name"] == "Wuhan" and [p["name"] for p in body["lineage"]] == ["Hubei", "China"]
    names = small_client.get(f"/api/places/{small.place['wuhan']}/names").json()
    assert {"name": "武汉", "lang": "zh", "script": "Hani", "kind": "alternate"} in names
    added = small_client.post(f"/api/places/{small.place['wuhan']}/names", json={"name": "Hankow", "lang": "en"})
    assert added.status_code == 201 and any(n["name"] == "Hankow" for n in added.json())
    assert small_client.get("/api/places", params={"q": "Hankow"}).json()[0]["id"] == small.place["wuhan"]


def test_list_partnerships_with_filters_and_pages(small_client, small):
    page = small_client.get("/api/partnerships", params={"country": "CN", "limit": 4}).json()
    assert page["total"] == 11 and len(page["items"]) == 4 and page["limit"] == 4
    rest = small_client.get("/api/partnerships", params={"country": "CN", "limit": 4, "offset": 8}).json()
    assert len(rest["items"]) == 3
    dormant = small_client.get("/api/partnerships", params={"status": "dormant"}).json()
    assert dormant["total"] == 1
    by_place = small_client.get("/api/partnerships", params={"place": "Wuhan", "kind": "friendly_exchange"}).json()
    assert by_place["total"] == 1


def test_create_then_update_with_etags(small_client, small):
    created = small_client.post("/api/partnerships", json={
        "place_a": "Minsk", "place_b": "Алматы", "kind": "sister", "established": "2019-05",
        "sources": [{"citation": "https://example.org/minsk-almaty"}],
        "event": {"name": "Forum of Regions", "date": "2019-05-20", "mode": "hybrid"}})
    assert created.status_code == 201, created.text
    body = created.json()
    tag = created.headers["ETag"]
    assert created.headers["Location"] == f"/api/partnerships/{body['id']}"
    assert body["event"]["name"] == "Forum of Regions" and body["sources"][0]["kind"] == "url"
    pid = body["id"]

    assert_error(small_client.post(f"/api/partnerships/{pid}/status", json={"status": "dormant", "date": "2023"}),
                 428, "precondition_required")
    changed = small_client.post(f"/api/partnerships/{pid}/status", json={"status": "dormant", "date": "2023"},
                                headers={"If-Match": tag})
    assert changed.status_code == 200 and changed.json()["status"] == "dormant"
    # The first writer's tag is now stale: a second edit based on it is refused, not applied.
    stale = small_client.post(f"/api/partnerships/{pid}/end", json={"date": "2024"}, headers={"If-Match": tag})
    assert_error(stale, 412, "stale_version")
    new_tag = changed.headers["ETag"]
    source = small_client.post(f"/api/partnerships/{pid}/sources", json={"citation": "City council minutes"},
                               headers={"If-Match": new_tag})
    assert source.status_code == 200 and len(source.json()["sources"]) == 2
    ended = small_client.post(f"/api/partnerships/{pid}/end", json={"date": "2024-03", "basis": "council"},
                              headers={"If-Match": source.headers["ETag"]})
    assert ended.json()["status"] == "ended" and ended.json()["ended"] == "2024-03"
    history = small_client.get(f"/api/partnerships/{pid}/history").json()
    assert [h["status"] for h in history] == ["active", "dormant", "ended"]
    assert small_client.get(f"/api/partnerships/{pid}/sources").json()[1]["citation"] == "City council minutes"
    assert small_client.get(f"/api/partnerships/{pid}").headers["ETag"] == ended.headers["ETag"]


def test_errors_have_one_shape(small_client, small):
    assert_error(small_client.get("/api/places/1"), 404, "not_found")
    assert_error(small_client.get("/api/partnerships/999999"), 404, "not_found")
    assert_error(small_client.get("/api/nowhere"), 404, "not_found")
    body = assert_error(small_client.post("/api/partnerships", json={"place_a": "Wuhan", "place_b": "Oita",
                                                                      "kind": "sister"}), 409, "conflict")
    ambiguous = assert_error(small_client.post("/api/partnerships", json={
        "place_a": "Springfield", "place_b": "Wuhan", "kind": "sister"}), 409, "ambiguous")
    assert len(ambiguous["details"]["candidates"]) == 2
    invalid = assert_error(small_client.post("/api/partnerships", json={"place_a": "Wuhan", "place_b": "Minsk",
                                                                         "kind": "twin"}), 422, "invalid_input")
    assert invalid["details"]["field"] == "kind"
    bad_date = assert_error(small_client.post("/api/partnerships", json={
        "place_a": "Wuhan", "place_b": "Isfahan", "kind": "sister", "established": "2021-02-30"}), 422, "invalid_input")
    assert bad_date["details"]["field"] == "established"
    selfish = assert_error(small_client.post("/api/partnerships", json={
        "place_a": "Wuhan", "place_b": "武汉", "kind": "sister"}), 422, "invalid_input")
    assert "itself" in selfish["message"]
    assert_error(small_client.get("/api/places", params={"q": ""}), 422, "invalid_input")
    assert small_client.get("/api/places", params={"q": "`"}).json() == []
    assert_error(small_client.get("/api/stats", params={"country": "CN", "bloc": "SCO"}), 422, "invalid_input")
    assert_error(small_client.get("/api/stats", params={"as_of": "2021"}), 422, "invalid_input")


def test_figures(small_client, small):
    cn = small_client.get("/api/stats", params={"country": "CN"}).json()
    assert cn["partnerships"] == 10 and cn["by_partner_bloc"]["SCO"] == 6
    then = small_client.get("/api/stats", params={"country": "CN", "as_of": "2021-06-02"}).json()
    assert then["by_partner_bloc"]["SCO"] == 5
    with_observers = small_client.get("/api/stats", params=[("country", "CN"), ("as_of", "2021-06-02"),
                                                            ("roles", "member"), ("roles", "observer")]).json()
    assert with_observers["by_partner_bloc"]["SCO"] == 6     # Belarus was an observer then
    assert small_client.get("/api/openness", params={"top": 1}).json()[0]["name"] == "Wuhan"
    assert small_client.get("/api/network/hubs", params={"top": 1}).json()[0]["degree"] == 6
    assert "domestic_partnerships" in small_client.get("/api/quality").json()
    blocs = {b["code"]: b for b in small_client.get("/api/blocs").json()}
    assert {"SCO", "EU", "ASEAN", "BRICS"} <= set(blocs)


@pytest.mark.parametrize(("fmt", "media"), [("csv", "text/csv"), ("json", "application/json"),
                                            ("geojson", "application/geo+json")])
def test_export(small_client, small, fmt, media):
    response = small_client.get("/api/export", params={"format": fmt, "country": "RU"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert "Rybinsk" in response.text


def test_openapi_schema_lists_every_route(small_client):
    schema = small_client.get("/openapi.json").json()
    for path in ("/api/places", "/api/places/{place_id}", "/api/partnerships", "/api/partnerships/{partnership_id}",
                 "/api/partnerships/{partnership_id}/status", "/api/partnerships/{partnership_id}/end",
                 "/api/partnerships/{partnership_id}/history", "/api/partnerships/{partnership_id}/sources",
                 "/api/stats", "/api/openness", "/api/network/hubs", "/api/quality", "/api/blocs", "/api/export"):
        assert path in schema["paths"], path


def test_resolve_route(small_client, small):
    body = small_client.get("/api/resolve", params={"q": "湖北省武汉市"}).json()
    assert body["query"] == "湖北省武汉市" and body["candidates"][0]["id"] == small.place["wuhan"]
    assert small_client.get("/api/resolve", params={"q": "Zorblaxton"}).json()["candidates"] == []


def test_match_route(small_client, small):
    found = small_client.get("/api/match", params={"place": "Harbin", "countries": ["BY"], "top": 3}).json()
    assert found and {m["country"] for m in found} == {"BY"}
    assert small_client.get("/api/match", params={"place": "Harbin", "areas": ["sports"]}).status_code == 422


def test_seek_routes(small_client, small):
    made = small_client.post("/api/seek", json={"place": "Harbin", "areas": ["economy"], "countries": ["BY"]})
    assert made.status_code == 201, made.text
    other = small_client.post("/api/seek", json={"place": "Minsk", "areas": ["economy"], "countries": ["CN"]}).json()
    assert {p["id"] for p in small_client.get("/api/seek").json()} == {made.json()["id"], other["id"]}
    found = small_client.get(f"/api/seek/{made.json()['id']}/match").json()
    assert [m["profile"]["id"] for m in found["mutual"]] == [other["id"]]
    bad = small_client.post("/api/seek", json={"place": "Harbin", "countries": ["XX"]})
    assert bad.status_code == 422 and bad.json()["details"]["field"] == "countries"
