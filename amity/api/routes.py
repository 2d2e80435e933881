"""API routes. Each one opens a connection, calls one domain service, and returns its result."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import Connection

from amity.analytics import network, openness, quality
from amity.analytics import scope as scopes
from amity.analytics.summary import summarize
from amity.api.schemas import EndIn, ErrorShape, NameIn, Page, PartnershipCreate, SeekIn, SourceIn, StatusChangeIn
from amity.dates import PartialDate
from amity.errors import AmityError, InvalidInput, StaleVersion
from amity.partnerships import service as partnerships
from amity.partnerships import transfer
from amity.partnerships.models import Partnership, PartnershipKind, Status
from amity.places import blocs
from amity.places import service as places
from amity.matching import seeking
from amity.matching.service import matcher_for
from amity.resolve import find_place, resolver_for
from amity.storage import Database

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorShape, "description": text}
    for code, text in ((400, "Malformed request"), (404, "Not found"), (409, "Conflict or ambiguous name"),
                       (422, "Invalid input"))
}
router = APIRouter(prefix="/api", responses=ERRORS)


def database(request: Request) -> Database:
    return request.app.state.db


PlaceId = Annotated[int, Path(ge=1, le=2**53, description="Amity id of the place")]
PartnershipId = Annotated[int, Path(ge=1, le=2**53, description="Id of the partnership")]
# Each route opens its connection itself, in its own thread: a generator dependency would need a
# second worker thread to close it, and under load every thread can end up waiting for a connection.
Db = Annotated[Database, Depends(database)]


def etag(p: Partnership) -> str:
    return f'"{p.id}-{p.version}"'


def expected_version(partnership_id: int, if_match: str | None) -> int:
    """The version an update was based on, from ``If-Match``; required so no edit is lost."""
    if not if_match:
        raise PreconditionRequired()
    tag = if_match.strip().removeprefix("W/").strip('"')
    owner, _, version = tag.partition("-")
    if owner != str(partnership_id) or not version.isdigit():
        raise StaleVersion(f"If-Match {if_match} does not name a version of partnership #{partnership_id}")
    return int(version)


class PreconditionRequired(AmityError):
    status = 428
    code = "precondition_required"

    def __init__(self) -> None:
        super().__init__("send If-Match with the ETag of the partnership you read, so that no edit is lost",
                         field="If-Match")


def with_etag(p: Partnership, status_code: int = 200) -> JSONResponse:
    return JSONResponse(p.to_dict(), status_code=status_code, headers={"ETag": etag(p)})


# ---------------------------------------------------------------- places

@router.get("/places", tags=["places"], summary="Search places by any name, in any script")
def search_places(db: Db, q: Annotated[str, Query(min_length=1, max_length=200)],
                  country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[dict[str, Any]]:
    with db.read() as conn:
        hits = places.search(conn, q, country=country, limit=limit)
        return [{**h.place.summary(), "kind": h.place.kind.value, "geonames": h.place.geonames_id,
                 "wikidata": h.place.wikidata_id, "population": h.place.population,
                 "names": {"en": h.place.name_en, "zh": h.place.name_zh, "ru": h.place.name_ru},
                 "matched": h.matched, "exact": h.exact} for h in hits]


@router.get("/resolve", tags=["places"], summary="Resolve a name in any script or spelling to ranked places")
def resolve_name(db: Db, q: Annotated[str, Query(min_length=1, max_length=300)],
                 country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
                 top: Annotated[int, Query(ge=1, le=50)] = 5) -> dict[str, Any]:
    with db.read() as conn:
        found = resolver_for(db.engine.url.render_as_string(hide_password=False)).resolve(
            conn, q, country=country, top=top)
        return {"query": q, "candidates": [c.to_dict() for c in found]}


@router.get("/match", tags=["matching"], summary="Recommend partners a place does not have yet, with reasons",
            description="Best first. Each item: id, name, country, geonames, wikidata, score (the model's share "
                        "for the candidate among all candidates that pass the filters: 0–1, summing to 1 over "
                        "them) and reasons (sentences that can be checked).")
def match_partners(db: Db, place: Annotated[str, Query(min_length=1, description="id, geonames:ID or a name")],
                   countries: Annotated[list[str] | None, Query(description="ISO alpha-2 codes")] = None,
                   bloc: str | None = None,
                   areas: Annotated[list[Literal["people", "economy", "culture", "governance"]] | None,
                                    Query()] = None,
                   domestic: bool = False, top: Annotated[int, Query(ge=1, le=100)] = 10) -> list[dict[str, Any]]:
    with db.read() as conn:
        target = find_place(conn, place)
        found = matcher_for(db.engine.url.render_as_string(hide_password=False)).recommend(
            conn, target, countries=countries, bloc=bloc, areas=list(areas or []), top=top,
            include_domestic=domestic)
        return [m.to_dict() for m in found]


@router.get("/seek", tags=["matching"], summary="Partner-seeking profiles that have not expired")
def list_seek_profiles(db: Db) -> list[dict[str, Any]]:
    with db.read() as conn:
        return [p.to_dict() for p in seeking.list_(conn)]


@router.post("/seek", tags=["matching"], status_code=201, summary="Publish what a place is looking for")
def add_seek_profile(db: Db, body: SeekIn) -> dict[str, Any]:
    with db.begin() as conn:
        return seeking.add(conn, **body.model_dump()).to_dict()


@router.get("/seek/{profile_id}/match", tags=["matching"],
            summary="Partners under a profile's wishes, and profiles that fit it both ways")
def match_seek_profile(db: Db, profile_id: PlaceId, top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    with db.read() as conn:
        return seeking.match(conn, matcher_for(db.engine.url.render_as_string(hide_password=False)), profile_id,
                             top=top)


@router.get("/places/{place_id}", tags=["places"], summary="One place with its names and parents")
def get_place(db: Db, place_id: PlaceId) -> dict[str, Any]:
    with db.read() as conn:
        place = places.get_or_raise(conn, place_id, with_names=True)
        return {**place.to_dict(), "lineage": [p.summary() for p in places.lineage(conn, place)]}


@router.get("/places/{place_id}/names", tags=["places"], summary="Every name of a place")
def place_names(db: Db, place_id: PlaceId) -> list[dict[str, str]]:
    with db.read() as conn:
        places.get_or_raise(conn, place_id)
        return [n.to_dict() for n in places.names_of(conn, place_id)]


@router.post("/places/{place_id}/names", tags=["places"], status_code=201, summary="Give a place one more name")
def add_place_name(db: Db, place_id: PlaceId, body: NameIn) -> list[dict[str, str]]:
    with db.begin() as conn:
        places.get_or_raise(conn, place_id)
        places.add_name(conn, place_id, body.name, lang=body.lang)
        return [n.to_dict() for n in places.names_of(conn, place_id)]


# ---------------------------------------------------------------- partnerships

@router.get("/partnerships", tags=["partnerships"], response_model=Page, summary="List partnerships")
def list_partnerships(
    db: Db,
    place: Annotated[str | None, Query(description="id, geonames:ID, wikidata:QID or a name")] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    kind: PartnershipKind | None = None,
    status: Status | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> JSONResponse:
    with db.read() as conn:
        place_id = places.find(conn, place).id if place else None
        filters = partnerships.Filters(place_id=place_id, country=country, kind=kind, status=status)
        items = partnerships.list_(conn, filters, limit=limit, offset=offset)
        # A JSONResponse skips re-validating what the domain built (Page documents the shape).
        return JSONResponse({"items": [p.to_dict() for p in items], "total": partnerships.count(conn, filters),
                             "limit": limit, "offset": offset})


@router.post("/partnerships", tags=["partnerships"], status_code=201, summary="Register a partnership")
def create_partnership(db: Db, body: PartnershipCreate) -> JSONResponse:
    with db.begin() as conn:
        made = partnerships.register_by_reference(
            conn, place_a=body.place_a, place_b=body.place_b, kind=body.kind, status=body.status,
            established=body.established, established_basis=body.established_basis, notes=body.notes,
            country_a=body.country_a, country_b=body.country_b,
            sources=[s.model_dump() for s in body.sources], event=body.event.model_dump() if body.event else None,
        )
        reply = with_etag(made, 201)
        reply.headers["Location"] = f"/api/partnerships/{made.id}"
        return reply


@router.get("/partnerships/{partnership_id}", tags=["partnerships"], summary="One partnership (with its ETag)")
def get_partnership(db: Db, partnership_id: PartnershipId) -> JSONResponse:
    with db.read() as conn:
        return with_etag(partnerships.get_or_raise(conn, partnership_id))


@router.get("/partnerships/{partnership_id}/history", tags=["partnerships"], summary="Its dated status history")
def partnership_history(db: Db, partnership_id: PartnershipId) -> list[dict[str, Any]]:
    with db.read() as conn:
        return [h.to_dict() for h in partnerships.get_or_raise(conn, partnership_id).history]


@router.get("/partnerships/{partnership_id}/sources", tags=["partnerships"], summary="Where it is stated")
def partnership_sources(db: Db, partnership_id: PartnershipId) -> list[dict[str, Any]]:
    with db.read() as conn:
        return [s.to_dict() for s in partnerships.get_or_raise(conn, partnership_id).sources]


IfMatch = Annotated[str | None, Header(description="The ETag of the version you read")]


@router.post("/partnerships/{partnership_id}/sources", tags=["partnerships"], summary="Add a source (If-Match)",
             responses={412: {"model": ErrorShape}, 428: {"model": ErrorShape}})
def add_partnership_source(db: Db, partnership_id: PartnershipId, body: SourceIn, if_match: IfMatch = None) -> JSONResponse:
    with db.begin() as conn:
        version = expected_version(partnership_id, if_match)
        source = partnerships.make_source(body.citation, kind=body.kind, url=body.url, reference=body.reference,
                                          retrieved=body.retrieved, confidence=body.confidence)
        return with_etag(partnerships.add_source(conn, partnership_id, source, expected_version=version))


@router.post("/partnerships/{partnership_id}/status", tags=["partnerships"], summary="Change status (If-Match)",
             responses={412: {"model": ErrorShape}, 428: {"model": ErrorShape}})
def change_status(db: Db, partnership_id: PartnershipId, body: StatusChangeIn, if_match: IfMatch = None) -> JSONResponse:
    with db.begin() as conn:
        version = expected_version(partnership_id, if_match)
        changed = partnerships.set_status(conn, partnership_id, body.status, date=body.date, note=body.note,
                                          expected_version=version)
        return with_etag(changed)


@router.post("/partnerships/{partnership_id}/end", tags=["partnerships"], summary="End a partnership (If-Match)",
             responses={412: {"model": ErrorShape}, 428: {"model": ErrorShape}})
def end_partnership(db: Db, partnership_id: PartnershipId, body: EndIn, if_match: IfMatch = None) -> JSONResponse:
    with db.begin() as conn:
        version = expected_version(partnership_id, if_match)
        ended = partnerships.end(conn, partnership_id, date=body.date, basis=body.basis, note=body.note,
                                 expected_version=version)
        return with_etag(ended)


# ---------------------------------------------------------------- figures

def as_of_day(as_of: str | None) -> dt.date | None:
    if not as_of:
        return None
    date = PartialDate.parse(as_of, field="as_of")
    if date.precision != "day":
        raise InvalidInput("give a full date, YYYY-MM-DD", field="as_of")
    return date.earliest


@router.get("/stats", tags=["figures"], summary="Figures for the world, a country, a place or province, or a bloc")
def stats(db: Db, country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
          place: str | None = None, bloc: str | None = None,
          as_of: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
          roles: Annotated[list[Literal["member", "observer", "dialogue_partner", "partner"]] | None,
                           Query(description="Bloc roles to count (members by default)")] = None) -> dict[str, Any]:
    with db.read() as conn:
        day = as_of_day(as_of)
        scope = scopes.choose(conn, country=country, place=place, bloc=bloc, as_of=day)
        return summarize(conn, scope, as_of=day, bloc_roles=tuple(roles or ("member",)))


@router.get("/openness", tags=["figures"], summary="Openness index, ranked")
def openness_ranking(db: Db, country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
                     level: Literal["place", "province"] = "place",
                     top: Annotated[int, Query(ge=1, le=1000)] = 20) -> list[dict[str, Any]]:
    with db.read() as conn:
        ranked = openness.compute(conn, level=level)
        if country:
            ranked = [o for o in ranked if o.country == country.upper()]
        return [o.to_dict() for o in ranked[:top]]


@router.get("/network/hubs", tags=["figures"], summary="Best-connected places")
def network_hubs(db: Db, top: Annotated[int, Query(ge=1, le=200)] = 20) -> list[dict[str, Any]]:
    with db.read() as conn:
        return [h.to_dict() for h in network.hubs(conn, top=top)]


@router.get("/quality", tags=["figures"], summary="Data quality report")
def quality_report(db: Db) -> dict[str, Any]:
    with db.read() as conn:
        return quality.report(conn)


@router.get("/blocs", tags=["figures"], summary="Country groupings and their dated memberships")
def list_blocs(db: Db) -> list[dict[str, Any]]:
    with db.read() as conn:
        members = blocs.memberships(conn)
        return [{**b.to_dict(), "memberships": [{"country": m.country, "role": m.role, "start": m.start, "end": m.end}
                                                for m in members if m.bloc == b.code]} for b in blocs.list_blocs(conn)]


@router.get("/export", tags=["partnerships"], summary="Export partnerships as CSV, JSON or GeoJSON",
            responses={200: {"description": "The export file", "content": {
                "text/csv": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "object"}},
                "application/geo+json": {"schema": {"type": "object"}}}}})
def export(db: Db, format: Literal["csv", "json", "geojson"] = "json",
           country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
           place: str | None = None, kind: PartnershipKind | None = None,
           status: Status | None = None) -> Response:
    with db.read() as conn:
        place_id = places.find(conn, place).id if place else None
        text = transfer.export(conn, format, partnerships.Filters(place_id=place_id, country=country, kind=kind,
                                                                  status=status))
        media = {"csv": "text/csv", "json": "application/json", "geojson": "application/geo+json"}[format]
        return Response(text, media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="amity-partnerships.{format}"'})
