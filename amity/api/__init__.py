"""The REST API under ``/api/``: a thin adapter over the domain services (FastAPI)."""

from amity.api.routes import router

__all__ = ["router"]
