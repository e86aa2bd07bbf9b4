"""The media types /graphql speaks, and refusals written as GraphQL errors in the one the client asked for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import Scope

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
LEGACY_JSON = "application/json"


def _quality(accept: str, media_type: str) -> float:
    """The q-value `accept` gives exactly `media_type` (0 if it is not listed)."""
    for part in accept.split(","):
        name, *params = (piece.strip() for piece in part.split(";"))
        if name.lower() != media_type:
            continue
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    return float(value)
                except ValueError:
                    return 0.0
        return 1.0
    return 0.0


def response_media_type(accept: str | None) -> str:
    """The spec's media type if the client prefers it at least as much as plain JSON, else JSON."""
    if not accept:
        return LEGACY_JSON
    wanted = _quality(accept, GRAPHQL_RESPONSE_JSON)
    return GRAPHQL_RESPONSE_JSON if wanted > 0 and wanted >= _quality(accept, LEGACY_JSON) else LEGACY_JSON


def error_response(
    accept: str | None,
    status: int,
    message: str,
    code: str,
    *,
    extensions: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """`{"errors": [{"message", "extensions": {"code", ...}}]}` with `status`, in the media type asked for."""
    response = JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code, **(extensions or {})}}]},
        status_code=status,
        headers=dict(headers or {}),
    )
    response.headers["content-type"] = response_media_type(accept) + "; charset=utf-8"
    return response


def accept_of(scope: Scope) -> str | None:
    """The request's Accept header."""
    return Headers(scope=scope).get("accept")
