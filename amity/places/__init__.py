"""Places of the registry: countries, provinces, cities and districts, with all their names."""

from amity.places.models import Place, PlaceKind, PlaceName

__all__ = ["Place", "PlaceKind", "PlaceName"]
