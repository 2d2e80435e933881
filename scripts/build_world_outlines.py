"""Build ``amity/data/world/outlines-110m.json``: country outlines for maps drawn offline.

Source: Natural Earth 1:110m countries (public domain), as TopoJSON in the npm package
world-atlas 2.0.2 (ISC licence). A developer step: fetch the package with
``npm pack world-atlas@2.0.2`` and run ``python scripts/build_world_outlines.py PATH/countries-110m.json``.
The output maps each ISO 3166-1 alpha-2 code (from ``countries.csv.gz``) to a list of
polygons, each a list of rings of [longitude, latitude] pairs rounded to 0.01°.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "amity" / "data" / "world" / "outlines-110m.json"


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Absolute coordinates of every arc (TopoJSON arcs are quantised and delta-encoded)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale[0] + translate[0], 2), round(y * scale[1] + translate[1], 2)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def numeric_to_iso2() -> dict[str, str]:
    with gzip.open(ROOT / "amity" / "data" / "world" / "countries.csv.gz", "rt", encoding="utf-8") as handle:
        return {str(int(r["isonumeric"])): r["code"] for r in csv.DictReader(handle) if r["isonumeric"]}


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    codes = numeric_to_iso2()
    outlines: dict[str, list] = {}
    unmatched = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = codes.get(str(int(geometry["id"]))) if geometry.get("id", "").isdigit() else None
        if code is None:
            # Kosovo, Northern Cyprus, Somaliland: no ISO numeric code in Natural Earth.
            code = {"Kosovo": "XK"}.get(geometry["properties"]["name"])
        if code is None:
            unmatched.append(geometry["properties"]["name"])
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        outlines.setdefault(code, []).extend([[ring(r, arcs) for r in polygon] for polygon in polygons])
    document = {
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries (public domain), "
                  "via world-atlas 2.0.2 (ISC licence, © Michael Bostock)",
        "countries": outlines,
    }
    OUT.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT.name}: {len(outlines)} countries; unmatched: {', '.join(unmatched) or 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
