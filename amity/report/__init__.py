"""Reports: one self-contained HTML file (inline SVG charts and map) or a PDF of the same.

An adapter over :mod:`amity.analytics`, like the CLI and the web app: it computes nothing of
its own beyond layout.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import Connection, select

from amity import __version__
from amity.analytics.scope import Scope
from amity.analytics.summary import summarize
from amity.analytics.edges import IN_FORCE, load_edges
from amity.report import svg
from amity.places import service as places_service
from amity.storage.schema import places

LABELS: dict[str, dict[str, str]] = {
    "en": {"title": "Partnerships of {name}", "as_of": "As of {date}", "partnerships": "partnerships in force",
           "partner_countries": "partner countries", "partner_places": "partner places",
           "international": "international", "domestic": "domestic", "map": "Partner countries",
           "map_legend": "partnerships with the scope", "by_country": "Top partner countries",
           "by_bloc": "With members of blocs", "by_continent": "By continent", "by_decade": "By decade established",
           "by_kind": "By kind", "by_status": "By status", "country": "Country", "count": "Partnerships",
           "generated": "Made with Amity {version} on {date}. Sources: {sources}.",
           "continents": "AF Africa|AS Asia|EU Europe|NA North America|OC Oceania|SA South America|AN Antarctica"},
    "zh": {"title": "{name}的友好城市关系", "as_of": "截至 {date}", "partnerships": "现行友好关系",
           "partner_countries": "伙伴国家", "partner_places": "伙伴地方", "international": "国际", "domestic": "国内",
           "map": "伙伴国家分布", "map_legend": "与本范围的友好关系数", "by_country": "主要伙伴国家",
           "by_bloc": "与各组织成员国", "by_continent": "按大洲", "by_decade": "按建立年代", "by_kind": "按类型",
           "by_status": "按状态", "country": "国家", "count": "友好关系",
           "generated": "由 Amity {version} 于 {date} 生成。数据来源：{sources}。",
           "continents": "AF 非洲|AS 亚洲|EU 欧洲|NA 北美洲|OC 大洋洲|SA 南美洲|AN 南极洲"},
    "ru": {"title": "Партнёрства: {name}", "as_of": "На {date}", "partnerships": "действующих партнёрств",
           "partner_countries": "стран-партнёров", "partner_places": "городов-партнёров",
           "international": "международных", "domestic": "внутренних", "map": "Страны-партнёры",
           "map_legend": "партнёрств с выбранной территорией", "by_country": "Основные страны-партнёры",
           "by_bloc": "Со странами объединений", "by_continent": "По континентам",
           "by_decade": "По десятилетию заключения", "by_kind": "По виду", "by_status": "По статусу",
           "country": "Страна", "count": "Партнёрства",
           "generated": "Создано Amity {version}, {date}. Источники: {sources}.",
           "continents": "AF Африка|AS Азия|EU Европа|NA Северная Америка|OC Океания|SA Южная Америка|AN Антарктида"},
}
SOURCES = ("Wikipedia contributors (CC BY-SA 4.0) via the Twin Cities data set; GeoNames (CC BY 4.0); "
           "© OpenStreetMap contributors (ODbL); Natural Earth (public domain)")


@dataclass
class ReportContent:
    html: str
    title: str
    figures: dict[str, Any]
    charts: dict[str, str] = field(default_factory=dict)
    map_svg: str = ""
    lang: str = "en"


def _partner_points(conn: Connection, scope: Scope) -> list[tuple[float, float, str]]:
    edges = [e for e in (load_edges(conn, place_ids=scope.place_ids) if scope.place_ids is not None
                         else load_edges(conn, countries_=scope.countries or ()) if scope.kind != "world"
                         else []) if e.status in IN_FORCE]
    ids = {p for e in edges for p, c in ((e.a, e.a_country), (e.b, e.b_country)) if not scope.contains(p, c)}
    points = []
    for start in range(0, len(ids), 900):
        chunk = list(ids)[start:start + 900]
        rows = conn.execute(select(places.c.lat, places.c.lng, places.c.name)
                            .where(places.c.id.in_(chunk), places.c.lat.is_not(None)))
        points += [(r.lat, r.lng, r.name) for r in rows]
    return points


def build_report(conn: Connection, scope: Scope, *, as_of: dt.date | None = None, lang: str = "en") -> ReportContent:
    """Compute the figures for ``scope`` and lay them out as one HTML page."""
    text = LABELS.get(lang, LABELS["en"])
    figures = summarize(conn, scope, as_of=as_of)
    names = places_service.country_names(conn, lang)
    continents = dict(item.split(" ", 1) for item in text["continents"].split("|"))
    charts = {
        "by_country": svg.bar_chart([(names.get(c, c), n) for c, n in list(figures["by_partner_country"].items())[:15]],
                                    title=text["by_country"]),
        "by_bloc": svg.bar_chart(list(figures["by_partner_bloc"].items()), title=text["by_bloc"], bar_colour="#756bb1"),
        "by_continent": svg.bar_chart([(continents.get(c, c), n) for c, n in figures["by_continent"].items()],
                                      title=text["by_continent"], bar_colour="#31a354"),
        "by_decade": svg.bar_chart(list(figures["by_decade"].items()), title=text["by_decade"], bar_colour="#e6550d"),
    }
    highlight = sorted(scope.countries or ()) if scope.kind in ("country", "bloc") else []
    map_svg = svg.world_map(figures["by_partner_country"], highlight=highlight, names=names,
                            points=_partner_points(conn, scope), legend=text["map_legend"])
    scope_name = names.get(scope.code, scope.name) if scope.kind == "country" else scope.name
    title = text["title"].format(name=scope_name)
    env = Environment(loader=PackageLoader("amity.report", "templates"), autoescape=select_autoescape())
    html = env.get_template("report.html").render(
        lang=lang, t=text, title=title, figures=figures, charts=charts, map_svg=map_svg, names=names,
        as_of=text["as_of"].format(date=figures["as_of"]),
        footer=text["generated"].format(version=__version__, date=dt.date.today().isoformat(), sources=SOURCES),
    )
    return ReportContent(html, title, figures, charts, map_svg, lang)


def write_pdf(content: ReportContent, path: Path) -> None:
    """The report as a PDF: headline figures, then the map and charts as vector graphics."""
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=18)
    # The PDF's built-in fonts are Latin-only; the HTML report carries the Chinese and Russian text.
    scope = content.figures["scope"]
    pdf.cell(text=f"Partnerships of {scope['name']}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    figures = content.figures
    pdf.cell(text=f"As of {figures['as_of']}: {figures['partnerships']:,} partnerships in force, "
                  f"{figures['partner_countries']} partner countries, {figures['partner_places']:,} partner places.",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    english = build_latin_charts(content)
    pdf.image(io.BytesIO(english["map"].encode("utf-8")), w=180)
    for name in ("by_country", "by_bloc", "by_continent", "by_decade"):
        pdf.image(io.BytesIO(english[name].encode("utf-8")), w=120)
    pdf.set_font("Helvetica", size=8)
    pdf.multi_cell(w=0, text=f"Made with Amity {__version__}. Sources: {SOURCES}.")
    pdf.output(str(path))


def build_latin_charts(content: ReportContent) -> dict[str, str]:
    """Charts with codes for labels, which every PDF font can draw."""
    figures = content.figures
    return {
        "map": svg.world_map(figures["by_partner_country"], legend="partnerships with the scope", at_least=">=",
                             highlight=[figures["scope"]["code"]] if figures["scope"]["kind"] == "country" else []),
        "by_country": svg.bar_chart(list(figures["by_partner_country"].items())[:15], title="Top partner countries"),
        "by_bloc": svg.bar_chart(list(figures["by_partner_bloc"].items()), title="With members of blocs",
                                 bar_colour="#756bb1"),
        "by_continent": svg.bar_chart(list(figures["by_continent"].items()), title="By continent",
                                      bar_colour="#31a354"),
        "by_decade": svg.bar_chart(list(figures["by_decade"].items()), title="By decade established",
                                   bar_colour="#e6550d"),
    }
