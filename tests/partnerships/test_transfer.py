import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from amity.errors import ImportRejected
from amity.fixtures import build_small_registry
from amity.partnerships import service, transfer
from amity.storage import migrate, open_database

HEADER = "place_a,country_a,place_b,country_b,kind,status,established,source\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_import_by_names_ids_and_scripts(db, small, tmp_path):
    path = write(tmp_path, "new.csv", HEADER
                 + "Minsk,,Almaty,,sister,active,1999-05,https://example.org/minsk\n"
                 + f"武汉,CN,{small.place['isfahan']},,friendly_exchange,negotiating,,\n")
    with db.begin() as conn:
        report = transfer.import_file(conn, path)
        made = [service.get_or_raise(conn, pid) for pid in report.imported]
    assert len(made) == 2
    assert made[0].established.precision == "month"
    assert made[0].sources[0].kind.value == "url"
    assert {r.id for r in made[1].places} == {small.place["wuhan"], small.place["isfahan"]}


BAD_ROWS = [
    ("Nowhere,,Almaty,,sister,active,,\n", "place_a", "unknown place"),
    ("Springfield,,Almaty,,sister,active,,\n", "place_a", "ambiguous place"),
    ("Minsk,,Minsk,,sister,active,,\n", "place_b", "self-pair"),
    ("Wuhan,,Oita,,sister,active,,\n", "places", "duplicate"),
    ("Minsk,,Almaty,,sister,active,2021-02-30,\n", "established", "impossible"),
    ("Minsk,,Almaty,,twin,active,,\n", "kind", "unknown partnership kind"),
    ("Minsk,,Almaty,,sister,retired,,\n", "status", "unknown status"),
]


@pytest.mark.parametrize(("row", "field", "message"), BAD_ROWS)
def test_each_bad_row_is_reported_with_file_line_and_field_and_nothing_is_written(db, small, tmp_path, row,
                                                                                   field, message):
    good = "Minsk,,Almaty,,sister,active,,\n"
    path = write(tmp_path, "bad.csv", HEADER + good + row)
    with db.read() as conn:
        before = service.count(conn)
    with pytest.raises(ImportRejected) as caught:
        with db.begin() as conn:
            transfer.import_file(conn, path)
    [problem] = caught.value.problems
    assert (problem["file"], problem["line"], problem["field"]) == ("bad.csv", 3, field)
    assert message in problem["message"]
    with db.read() as conn:
        assert service.count(conn) == before


def test_duplicates_within_a_file_are_reported(db, small, tmp_path):
    path = write(tmp_path, "dup.csv", HEADER + "Minsk,,Almaty,,sister,,,\nAlmaty,,Minsk,,sister,,,\n")
    with pytest.raises(ImportRejected) as caught:
        with db.begin() as conn:
            transfer.import_file(conn, path)
    assert caught.value.problems[0]["line"] == 3
    assert "record 1 of this file" in caught.value.problems[0]["message"]


def test_skip_invalid_writes_the_valid_rows_and_reports_the_rest(db, small, tmp_path):
    path = write(tmp_path, "mixed.csv", HEADER + "Minsk,,Almaty,,sister,,,\nNowhere,,Almaty,,sister,,,\n")
    with db.begin() as conn:
        report = transfer.import_file(conn, path, skip_invalid=True)
    assert len(report.imported) == 1
    assert [(p.line, p.field) for p in report.skipped] == [(3, "place_a")]


def test_bad_coordinates_of_a_new_place_are_reported(db, small, tmp_path):
    document = {"places": [{"kind": "district", "name": "Nowhere District", "country": "RU", "lat": 95, "lng": 10}],
                "partnerships": []}
    path = write(tmp_path, "places.json", json.dumps(document))
    with pytest.raises(ImportRejected) as caught:
        with db.begin() as conn:
            transfer.import_file(conn, path)
    assert caught.value.problems[0]["field"] == "places.lat"


def test_missing_header_columns_and_broken_json_are_clear_errors(db, small, tmp_path):
    with pytest.raises(ImportRejected) as caught:
        with db.begin() as conn:
            transfer.import_file(conn, write(tmp_path, "x.csv", "a,b\n1,2\n"))
    assert {p["field"] for p in caught.value.problems} == {"place_a", "place_b", "kind"}
    with pytest.raises(ImportRejected) as caught:
        with db.begin() as conn:
            transfer.import_file(conn, write(tmp_path, "x.json", '{"partnerships": [\n,]}'))
    assert caught.value.problems[0]["line"] == 2


def comparable(document: str, fmt: str) -> list:
    """Exported records without the ids that a new registry gives out anew."""
    if fmt == "csv":
        import csv, io
        rows = list(csv.DictReader(io.StringIO(document)))
        for row in rows:
            row.pop("id")
        return rows
    data = json.loads(document)
    records = data["partnerships"] if fmt == "json" else [f["properties"] for f in data["features"]]
    for record in records:
        record.pop("id")
        if record["event"]:
            record["event"].pop("id", None)
    return records


statuses = st.sampled_from(["proposed", "negotiating", "active", "dormant", "suspended", "ended"])
records = st.lists(
    st.tuples(st.integers(0, 16), st.integers(0, 16), st.sampled_from(["sister", "friendly_exchange"]), statuses,
              st.one_of(st.none(), st.integers(1901, 2019).map(str)),
              st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(str.strip),
              st.floats(0, 1), st.booleans()),
    max_size=12,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(items=records, fmt=st.sampled_from(transfer.FORMATS))
def test_export_then_import_loses_nothing(db, small, tmp_path_factory, items, fmt):
    from amity.fixtures import PLACES
    keys = [p[0] for p in PLACES]
    with db.engine.connect() as conn:
        transaction = conn.begin()
        try:
            for a, b, kind, status, year, citation, confidence, with_event in items:
                pa, pb = small.place[keys[a]], small.place[keys[b]]
                if pa == pb or service.current_between(conn, pa, pb):
                    continue
                event = None
                if with_event:
                    from amity.forums import service as forums
                    event = forums.ensure(conn, name="SCO Friendship Cities + Sub-forum", date="2021-06-02",
                                          mode="hybrid", attendance=150).id
                service.register(conn, service.Draft(
                    place_a=pa, place_b=pb, kind=service.parse_kind(kind), status=service.parse_status(status),
                    established=service.PartialDate(year) if year else None, event_id=event,
                    ended=service.PartialDate("2020") if status == "ended" else None,
                    sources=(service.make_source(citation, kind="document", confidence=round(confidence, 3)),)))
            filters = service.Filters(country="CN")
            exported = transfer.export(conn, fmt, filters)
        finally:
            transaction.rollback()
    target = tmp_path_factory.mktemp("target")
    other = open_database(f"sqlite:///{target / 'other.sqlite3'}")
    migrate.upgrade(other)
    with other.begin() as conn:
        build_small_registry(conn)
        service_ids = {p.id for p in service.list_(conn, filters)}
        # The fixture's own partnerships are in the target already; import only what is new.
        conn.execute(service.partnerships.delete().where(service.partnerships.c.id.in_(service_ids)))
    path = target / f"export.{fmt}"
    path.write_text(exported, encoding="utf-8")
    with other.begin() as conn:
        transfer.import_file(conn, path)
        again = transfer.export(conn, fmt, filters)
    other.dispose()
    assert comparable(again, fmt) == comparable(exported, fmt)
