"""One JSON error shape for every error: ``{"status", "code", "message", "details"}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from amity.errors import AmityError

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
          412: "stale_version", 415: "unsupported_media_type", 428: "precondition_required",
          422: "invalid_input", 500: "internal_error"}


def error_body(status: int, code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"status": status, "code": code, "message": message, "details": details}


def _validation_details(exc: RequestValidationError) -> dict[str, Any]:
    fields = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "header")]
        fields.append({"field": ".".join(location) or None, "message": error.get("msg", "invalid")})
    return {"field": fields[0]["field"] if fields else None, "errors": fields}


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one shape."""

    @app.exception_handler(AmityError)
    async def amity_error(_: Request, exc: AmityError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        first = details["errors"][0] if details["errors"] else {"field": None, "message": "invalid request"}
        message = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
        return JSONResponse(error_body(422, "invalid_input", message, details), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "error")
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            # Starlette names only the first matching route's methods; a path may have several routes.
            headers["Allow"] = ", ".join(_allowed_methods(app, request.url.path))
        return JSONResponse(error_body(exc.status_code, code, str(exc.detail)), status_code=exc.status_code,
                            headers=headers or None)


def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    methods: set[str] = set()
    for route in app.router.routes:
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(path):
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)
