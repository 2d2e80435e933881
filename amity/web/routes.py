"""Web pages: each route gathers what one page shows from the domain services and renders it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, func, select

from amity import settings
from amity.analytics import openness
from amity.analytics import scope as scopes
from amity.analytics.edges import IN_FORCE, load_edges
from amity.analytics.summary import summarize
from amity.dates import PartialDate
from amity.errors import AmityError, InvalidInput
from amity.partnerships import service as partnerships
from amity.partnerships.models import TRANSITIONS, Status
from amity.places import blocs
from amity.places import service as places
from amity.registry import summary as registry_summary
from amity.report import svg
from amity.matching import seeking
from amity.matching.service import AREA_NAMES, matcher_for
from amity.resolve import resolver_for
from amity.storage import Database
from amity.storage.schema import partnerships as partnerships_table
from amity.web import i18n, maps

router = APIRouter(include_in_schema=False)
_CACHE: dict[str, tuple[Any, Any]] = {}


def database(request: Request) -> Database:
    return request.app.state.db


def language(request: Request) -> str:
    return i18n.choose(request.query_params.get("lang"), request.cookies.get("lang"),
                       request.headers.get("accept-language"), str(settings.load_value("language")))


Lang = Annotated[str, Depends(language)]
Db = Annotated[Database, Depends(database)]


def render(request: Request, lang: str, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    env = i18n.environment(lang)
    html = env.get_template(template).render(request=request, lang=lang, languages=i18n.LANGUAGES,
                                             path=request.url.path, query=dict(request.query_params), **context)
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def local_name(place: Any, lang: str) -> str:
    return place.display_name(lang)


def _registry_version(conn: Connection) -> tuple[Any, ...]:
    return tuple(conn.execute(select(func.count(), func.max(partnerships_table.c.updated_at))
                              .select_from(partnerships_table)).one())


def _cached(conn: Connection, name: str, compute: Any) -> Any:
    """``compute(conn)``, kept until the registry changes: world-wide figures take a second to gather."""
    version = _registry_version(conn)
    hit = _CACHE.get(name)
    if hit is None or hit[0] != version:
        hit = (version, compute(conn))
        _CACHE[name] = hit
    return hit[1]


def _world(conn: Connection) -> dict[str, Any]:
    """What the home page shows of the whole registry, in no particular language."""
    def gather(conn: Connection) -> dict[str, Any]:
        return {"figures": registry_summary(conn), "world": summarize(conn, scopes.world()),
                "layers": maps.world_layers(conn), "top_open": _openness(conn)[:10]}

    return _cached(conn, "world", gather)


def warm_up(db: Database) -> None:
    """Gather the world-wide figures and build the resolver's index once, so that the first
    visitor does not wait for them."""
    with db.read() as conn:
        _world(conn)
        resolver_for(db.engine.url.render_as_string(hide_password=False)).refresh(conn)
        matcher_for(db.engine.url.render_as_string(hide_password=False)).ready(conn)


def _recommended(db: Database, conn: Connection, place: Any) -> list[Any]:
    """Five partners the place does not have yet (none for countries, which are not matched)."""
    if place.kind.value == "country":
        return []
    return matcher_for(db.engine.url.render_as_string(hide_password=False)).recommend(conn, place, top=5)


def _openness(conn: Connection) -> list[Any]:
    return _cached(conn, "openness", openness.compute)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: Db, lang: Lang) -> HTMLResponse:
    with db.read() as conn:
        data = _world(conn)
        names = places.country_names(conn, lang)
    return render(request, lang, "home.html", **data, names=names,
                  map=maps.base_map(data["world"]["by_partner_country"], names))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, db: Db, lang: Lang, q: str = "", country: str = "") -> HTMLResponse:
    results, error = [], None
    if q.strip():
        with db.read() as conn:
            try:
                found = [(h.place, h.matched) for h in places.search(conn, q, country=country or None, limit=50)]
                if not found:
                    # No name starts so: ask the resolver (typos, designators, "X of Y", other spellings).
                    resolver = resolver_for(db.engine.url.render_as_string(hide_password=False))
                    candidates = resolver.resolve(conn, q, country=country or None, top=10)
                    found = [(places.get_or_raise(conn, c.id), "; ".join(c.reasons[:2])) for c in candidates]
            except AmityError as exc:
                found, error = [], exc.message
            results = [{"place": place, "name": local_name(place, lang), "matched": matched,
                        "parents": [p.display_name(lang) for p in places.lineage(conn, place)]} for place, matched in found]
    return render(request, lang, "search.html", q=q, country=country, results=results, error=error)


@router.get("/places/{place_id}", response_class=HTMLResponse)
def place_page(request: Request, db: Db, lang: Lang, place_id: int) -> HTMLResponse:
    with db.read() as conn:
        place = places.get_or_raise(conn, place_id, with_names=True)
        parents = places.lineage(conn, place)
        items = partnerships.list_(conn, partnerships.Filters(place_id=place_id))
        edges = [e for e in load_edges(conn, place_ids=[place_id]) if e.status in IN_FORCE]
        partner_places = places.get_many(conn, (p.partner_of(place_id).id for p in items))
        names = places.country_names(conn, lang)
        counts: dict[str, int] = {}
        for e in edges:
            other = e.b_country if e.a == place_id else e.a_country
            if other:
                counts[other] = counts.get(other, 0) + 1
        ranking = next((o for o in _openness(conn) if o.place_id == place_id), None)
        layers = maps.place_layers(conn, place_id, edges)
        recommended = _recommended(db, conn, place)
    rows = [{"partnership": p, "partner": partner_places[p.partner_of(place_id).id]} for p in items]
    return render(request, lang, "place.html", place=place, parents=parents, rows=rows, names=names,
                  map=maps.base_map(counts, names, [place.country_code] if place.country_code else []),
                  layers=layers, ranking=ranking, local_name=local_name, recommended=recommended)


@router.get("/partnerships/new", response_class=HTMLResponse)
def new_partnership(request: Request, lang: Lang, a: str = "", b: str = "") -> HTMLResponse:
    return render(request, lang, "new_partnership.html", form={"place_a": a, "place_b": b, "kind": "sister",
                                                              "status": "active"}, errors={})


@router.post("/partnerships/new", response_class=HTMLResponse, response_model=None)
def create_partnership(
    request: Request, db: Db, lang: Lang,
    place_a: Annotated[str, Form()] = "", place_b: Annotated[str, Form()] = "",
    country_a: Annotated[str, Form()] = "", country_b: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "", status: Annotated[str, Form()] = "active",
    established: Annotated[str, Form()] = "", source: Annotated[str, Form()] = "",
) -> Response:
    form = {"place_a": place_a, "place_b": place_b, "country_a": country_a, "country_b": country_b, "kind": kind,
            "status": status, "established": established, "source": source}
    errors: dict[str, str] = {}
    for field, value in (("place_a", place_a), ("place_b", place_b), ("kind", kind)):
        if not value.strip():
            errors[field] = "required"
    if not errors:
        try:
            with db.begin() as conn:
                made = partnerships.register_by_reference(
                    conn, place_a=place_a, place_b=place_b, kind=kind, status=status or "active",
                    established=established or None, country_a=country_a or None, country_b=country_b or None,
                    sources=[{"citation": source}] if source.strip() else [])
            return RedirectResponse(f"/partnerships/{made.id}?created=1", status_code=303)
        except AmityError as exc:
            errors[_form_field(exc.field)] = exc.message
            form["candidates"] = (exc.details or {}).get("candidates", []) if isinstance(exc.details, dict) else []
    return render(request, lang, "new_partnership.html", status_code=422, form=form, errors=errors)


def _form_field(field: str | None) -> str:
    """Which form field an error belongs to (the domain names some fields differently)."""
    if not field:
        return "form"
    if field.startswith("sources"):
        return "source"
    return {"places": "place_b", "date": "established", "country": "country_a"}.get(field, field)


@router.get("/partnerships/{partnership_id}", response_class=HTMLResponse)
def partnership_page(request: Request, db: Db, lang: Lang, partnership_id: int, created: int = 0) -> HTMLResponse:
    with db.read() as conn:
        item = partnerships.get_or_raise(conn, partnership_id)
        both = places.get_many(conn, (ref.id for ref in item.places))
    return render(request, lang, "partnership.html", item=item, both=both, created=bool(created), errors={},
                  form={}, statuses=next_statuses(item.status), local_name=local_name)


@router.post("/partnerships/{partnership_id}/status", response_class=HTMLResponse, response_model=None)
def change_status(
    request: Request, db: Db, lang: Lang, partnership_id: int,
    status: Annotated[str, Form()] = "", date: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "", version: Annotated[int, Form()] = 0,
) -> Response:
    errors: dict[str, str] = {}
    try:
        if not date.strip():
            raise InvalidInput("required", field="date")
        with db.begin() as conn:
            partnerships.set_status(conn, partnership_id, status, date=date, note=note or None,
                                    expected_version=version or None)
        return RedirectResponse(f"/partnerships/{partnership_id}", status_code=303)
    except AmityError as exc:
        errors[exc.field or "status"] = exc.message
    with db.read() as conn:
        item = partnerships.get_or_raise(conn, partnership_id)
        both = places.get_many(conn, (ref.id for ref in item.places))
    return render(request, lang, "partnership.html", status_code=422, item=item, both=both, created=False,
                  errors=errors, form={"status": status, "date": date, "note": note},
                  statuses=next_statuses(item.status), local_name=local_name)


def next_statuses(current: Status) -> list[str]:
    """The statuses a partnership may move to next, in lifecycle order."""
    return [s.value for s in Status if s in TRANSITIONS[current]]


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request, db: Db, lang: Lang, country: str = "", bloc: str = "", place: str = "",
               as_of: str = "") -> HTMLResponse:
    error, figures, charts, map_data = None, None, {}, None
    with db.read() as conn:
        names = places.country_names(conn, lang)
        bloc_list = blocs.list_blocs(conn)
        try:
            day = _day(as_of)
            scope = scopes.choose(conn, country=country or None, bloc=bloc or None, place=place or None, as_of=day)
            figures = summarize(conn, scope, as_of=day)
        except AmityError as exc:
            error = exc.message
    if figures:
        charts = {
            "by_country": svg.bar_chart([(names.get(c, c), n) for c, n in list(figures["by_partner_country"].items())[:15]],
                                        title=""),
            "by_bloc": svg.bar_chart(list(figures["by_partner_bloc"].items()), title="", bar_colour="#756bb1"),
            "by_continent": svg.bar_chart(list(figures["by_continent"].items()), title="", bar_colour="#31a354"),
            "by_decade": svg.bar_chart(list(figures["by_decade"].items()), title="", bar_colour="#e6550d"),
        }
        highlight = [figures["scope"]["code"]] if figures["scope"]["kind"] == "country" else []
        map_data = maps.base_map(figures["by_partner_country"], names, highlight)
    return render(request, lang, "stats.html", figures=figures, charts=charts, map=map_data, error=error,
                  names=names, blocs=bloc_list, form={"country": country, "bloc": bloc, "place": place, "as_of": as_of},
                  layers={"markers": [], "arcs": []})


def _day(text: str) -> dt.date | None:
    if not text.strip():
        return None
    date = PartialDate.parse(text, field="as_of")
    if date.precision != "day":
        raise InvalidInput("give a full date, YYYY-MM-DD", field="as_of")
    return date.earliest


def _seek_page(request: Request, db: Database, lang: str, form: dict[str, Any], errors: dict[str, str],
               status_code: int = 200) -> HTMLResponse:
    with db.read() as conn:
        profiles = seeking.list_(conn)
        bloc_codes = [b.code for b in blocs.list_blocs(conn)]
    return render(request, lang, "seek.html", status_code=status_code, profiles=profiles, form=form, errors=errors,
                  areas=AREA_NAMES, bloc_codes=bloc_codes)


@router.get("/seek", response_class=HTMLResponse)
def seek_list(request: Request, db: Db, lang: Lang, place: str = "") -> HTMLResponse:
    return _seek_page(request, db, lang, {"place": place, "areas": []}, {})


def _whole_number(text: str, field: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise InvalidInput("a whole number of inhabitants", field=field)
    return int(text.strip())


@router.post("/seek", response_class=HTMLResponse, response_model=None)
def seek_publish(
    request: Request, db: Db, lang: Lang,
    place: Annotated[str, Form()] = "", areas: Annotated[list[str] | None, Form()] = None,
    countries: Annotated[str, Form()] = "", bloc: Annotated[str, Form()] = "",
    min_population: Annotated[str, Form()] = "", max_population: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "", expires: Annotated[str, Form()] = "",
) -> Response:
    form = {"place": place, "areas": areas or [], "countries": countries, "bloc": bloc,
            "min_population": min_population, "max_population": max_population, "text": text, "expires": expires}
    errors: dict[str, str] = {}
    if not place.strip():
        errors["place"] = "required"
    if not errors:
        try:
            low = _whole_number(min_population, "min_population")
            high = _whole_number(max_population, "max_population")
            with db.begin() as conn:
                made = seeking.add(conn, place=place.strip(), areas=areas or [], countries=countries,
                                   bloc=bloc or None, min_population=low, max_population=high,
                                   text=text.strip() or None, expires=expires.strip() or None)
            return RedirectResponse(f"/seek/{made.id}", status_code=303)
        except AmityError as exc:
            errors[exc.field if exc.field in form else "form"] = exc.message
            form["candidates"] = (exc.details or {}).get("candidates", []) if isinstance(exc.details, dict) else []
    return _seek_page(request, db, lang, form, errors, status_code=422)


@router.get("/seek/{profile_id}", response_class=HTMLResponse)
def seek_profile(request: Request, db: Db, lang: Lang, profile_id: int) -> HTMLResponse:
    with db.read() as conn:
        found = seeking.match(conn, matcher_for(db.engine.url.render_as_string(hide_password=False)), profile_id)
        names = places.country_names(conn, lang)
    return render(request, lang, "seek_profile.html", profile=found["profile"], recommended=found["recommended"],
                  mutual=found["mutual"], areas=AREA_NAMES, names=names)
