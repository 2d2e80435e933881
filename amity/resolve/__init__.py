"""The resolver: any place name, in any script or spelling, to the right registry place — or
an honest "not found".

``parse`` reads designators and parent context, ``keys`` folds and romanises names,
``index`` holds every name of every registry place, and ``resolver`` ranks candidates with a
calibrated score and reasons.
"""

from amity.resolve.resolver import Candidate, Resolver, resolver_for

__all__ = ["Candidate", "Resolver", "resolver_for"]


def find_place(conn, ref: str | int, *, country: str | None = None):
    """The one place ``ref`` names, like :func:`amity.places.service.find`, but a name that no
    place has exactly goes through the resolver: a confident answer is taken, anything less is
    reported (Ambiguous with the candidates, or NotFound), never guessed."""
    from amity.errors import Ambiguous, NotFound
    from amity.places import service as places

    try:
        return places.find(conn, ref, country=country)
    except NotFound:
        text = str(ref).strip()
        if text.isdigit() or ":" in text:
            raise
    resolver = resolver_for(conn.engine.url.render_as_string(hide_password=False))
    found = resolver.resolve(conn, text, country=country, top=5)
    if found and found[0].score >= CONFIDENT and (len(found) == 1 or found[0].score - found[1].score >= MARGIN):
        return places.get_or_raise(conn, found[0].id)
    if found:
        raise Ambiguous(f"{text!r} may mean {len(found)} places; give an id or a country",
                        details={"query": text, "candidates": [
                            {**c.to_dict(), "parent": None, "population": None} for c in found]})
    raise NotFound(f"no place fits {text!r}" + (f" in {country.upper()}" if country else ""),
                   details={"query": text})


CONFIDENT = 0.9  # a resolver score this high, ahead of the next by MARGIN, is taken as the answer
MARGIN = 0.2
