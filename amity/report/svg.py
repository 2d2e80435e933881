"""Charts and maps as inline SVG, drawn from the shipped data with no network access."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from importlib import resources

# Equal Earth projection (Šavrič, Patterson and Jenny, 2018): an equal-area world map.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_X_MAX, _Y_MAX = 2.70640, 1.31730
PALETTE = ("#e8eef4", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
SCOPE_COLOUR = "#d95f02"


def equal_earth(lng: float, lat: float) -> tuple[float, float]:
    """Projected x, y (y up) of a point given in degrees."""
    lam, phi = math.radians(lng), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


@lru_cache(maxsize=1)
def outlines() -> dict[str, list]:
    """Natural Earth 1:110m country outlines by ISO alpha-2 code."""
    text = resources.files("amity").joinpath("data", "world", "outlines-110m.json").read_text(encoding="utf-8")
    return json.loads(text)["countries"]


def to_px(lng: float, lat: float, width: float) -> tuple[float, float]:
    x, y = equal_earth(lng, lat)
    scale = width / (2 * _X_MAX)
    return (x + _X_MAX) * scale, (_Y_MAX - y) * scale


@lru_cache(maxsize=4)
def country_paths(width: int) -> dict[str, str]:
    """SVG path data of every country, projected for a map ``width`` pixels wide."""
    paths = {}
    for code, polygons in outlines().items():
        parts = []
        for polygon in polygons:
            for ring in polygon:
                points = [to_px(lng, lat, width) for lng, lat in _unwrapped(ring)]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        paths[code] = "".join(parts)
    return paths


def _unwrapped(ring: list[list[float]]) -> list[list[float]]:
    """A ring that crosses the antimeridian (Fiji, Chukotka) pinned to the side most of it lies on,
    so that it is not drawn as a stripe across the whole map."""
    lngs = [lng for lng, _ in ring]
    if max(lngs) - min(lngs) <= 180:
        return ring
    east = sum(1 for lng in lngs if lng > 0) >= len(lngs) / 2
    return [[(180.0 if lng < 0 else lng) if east else (-180.0 if lng > 0 else lng), lat] for lng, lat in ring]


def map_height(width: int) -> int:
    return int(width * _Y_MAX / _X_MAX)


def colour_for(value: int, top: int) -> str:
    """A sequential colour on a log scale, so that a few large values do not wash out the rest."""
    if value <= 0 or top <= 0:
        return PALETTE[0]
    step = math.log1p(value) / math.log1p(top)
    return PALETTE[1 + min(len(PALETTE) - 2, int(step * (len(PALETTE) - 1)))]


def world_map(values: dict[str, int], *, highlight: Sequence[str] = (), points: Sequence[tuple[float, float, str]] = (),
              names: dict[str, str] | None = None, width: int = 960, legend: str = "",
              at_least: str = "≥") -> str:
    """A choropleth of ``values`` by country, ``highlight`` countries in the scope colour, and dots."""
    height = map_height(width)
    top = max(values.values(), default=0)
    names = names or {}
    shapes = []
    for code, path in country_paths(width).items():
        fill = SCOPE_COLOUR if code in highlight else colour_for(values.get(code, 0), top)
        title = escape(f"{names.get(code, code)}: {values.get(code, 0)}")
        shapes.append(f'<path d="{path}" fill="{fill}" stroke="#ffffff" stroke-width="0.4"><title>{title}</title></path>')
    dots = []
    for lat, lng, label in points:
        x, y = to_px(lng, lat, width)
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.8" fill="#222" fill-opacity="0.55">'
                    f'<title>{escape(label)}</title></circle>')
    frame = sphere_outline(width)
    key = _legend(top, height, legend, at_least)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 40}" width="100%" '
            f'role="img" aria-label="{escape(legend)}"><path d="{frame}" fill="#f7fbff" stroke="#b8c4cf"/>'
            + "".join(shapes) + "".join(dots) + key + "</svg>")


def sphere_outline(width: int) -> str:
    left = [to_px(-180, lat, width) for lat in range(-90, 91, 5)]
    right = [to_px(180, lat, width) for lat in range(90, -91, -5)]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in left + right) + "Z"


def _legend(top: int, height: int, label: str, at_least: str) -> str:
    if top <= 0:
        return ""
    stops = sorted({1, *(int(round(math.expm1(math.log1p(top) * k / 4))) for k in range(1, 5))})
    items = []
    for n, value in enumerate(stops):
        x = 10 + n * 90
        items.append(f'<rect x="{x}" y="{height + 12}" width="16" height="12" fill="{colour_for(value, top)}" '
                     f'stroke="#999" stroke-width="0.3"/><text x="{x + 22}" y="{height + 22}" font-size="12">'
                     f'{at_least} {value}</text>')
    caption = f'<text x="{10 + len(stops) * 90 + 10}" y="{height + 22}" font-size="12" fill="#444">{escape(label)}</text>'
    return "".join(items) + caption


def bar_chart(items: Sequence[tuple[str, int]], *, title: str, width: int = 460, bar_colour: str = "#3182bd") -> str:
    """A horizontal bar chart, largest first, with the values written at the bar ends."""
    row, label_width, top_pad = 22, 150, 30
    height = top_pad + row * max(1, len(items)) + 10
    top = max((v for _, v in items), default=0) or 1
    span = width - label_width - 60
    bars = []
    for n, (label, value) in enumerate(items):
        y = top_pad + n * row
        length = max(1.0, span * value / top) if value else 0
        bars.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="13">{escape(label)}</text>'
                    f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 7}" rx="2" '
                    f'fill="{bar_colour}"/><text x="{label_width + length + 6:.1f}" y="{y + 15}" font-size="12" '
                    f'fill="#333">{value:,}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'role="img" aria-label="{escape(title)}"><text x="0" y="18" font-size="15" font-weight="bold">'
            f'{escape(title)}</text>' + "".join(bars) + "</svg>")
