"""The web application: the REST API under /api and the web pages, in one ASGI app."""

from __future__ import annotations

import threading

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from amity import __version__
from amity.api import errors, router as api_router
from amity.storage import Database, open_database


def create_app(db: Database | None = None, *, warm: bool = False) -> FastAPI:
    """The app on ``db`` (by default the configured database, which must be set up).

    ``warm`` gathers the world-wide figures in the background at once, so that the first
    visitor of the home page does not wait for them.
    """
    from amity.web import routes as web_routes
    from amity.web.i18n import STATIC_DIR

    db = db or open_database()
    db.require_ready()
    app = FastAPI(
        title="Amity API",
        version=__version__,
        description="The registry, figures and matching of sister-city partnerships. Every error has one "
                    "shape: {status, code, message, details}. Updates need If-Match with the ETag you read.",
        openapi_url="/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.db = db
    errors.install(app)
    app.include_router(api_router)
    app.include_router(web_routes.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if warm:
        threading.Thread(target=web_routes.warm_up, args=(db,), daemon=True, name="amity-warm-up").start()
    return app
