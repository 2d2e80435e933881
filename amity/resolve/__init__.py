"""The resolver: any place name, in any script or spelling, to the right registry place — or
an honest "not found".

``parse`` reads designators and parent context, ``keys`` folds and romanises names,
``index`` holds every name of every registry place, and ``resolver`` ranks candidates with a
calibrated score and reasons.
"""

from amity.resolve.resolver import Candidate, Resolver, resolver_for

__all__ = ["Candidate", "Resolver", "resolver_for"]
