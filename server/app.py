"""The ASGI application: /graphql, /healthz, body limits, and the database for its lifetime."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tortoise import Tortoise, connections

from grants import open_data
from grants.database import tortoise_config
from grants.mailer import SmtpTarget
from server.exports import applications_export
from server.graphql_view import KipnetGraphQL
from server.outbox import send_outbox_forever
from server.request_id import RequestIdMiddleware
from server.settings import Settings

logger = logging.getLogger("kipnet.server")


async def healthz(request: Request) -> JSONResponse:
    """200 when the database answers a query, 503 otherwise."""
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:  # any failure to reach the database means "not healthy"
        logger.warning("health check: database unreachable", exc_info=True)
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


async def open_data_360giving(request: Request) -> JSONResponse:
    """Every award as a 360Giving package, public."""
    return JSONResponse(await open_data.package(now=datetime.now(UTC)))


def create_app(
    settings: Settings | None = None,
    *,
    manage_database: bool = True,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Starlette:
    """The kipnet app; with `manage_database` it opens and closes the database itself."""
    config = settings or Settings.from_environ()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        if manage_database:
            await Tortoise.init(config=tortoise_config(config.database_url), _enable_global_fallback=True)
        sender = None
        if config.smtp_url:
            target = SmtpTarget.from_url(config.smtp_url, config.mail_from)
            sender = asyncio.create_task(send_outbox_forever(target, config.outbox_interval_seconds))
        try:
            yield {}
        finally:
            if sender is not None:
                sender.cancel()
                with suppress(asyncio.CancelledError):
                    await sender
            if manage_database:
                await Tortoise.close_connections()

    graphql = KipnetGraphQL(config, clock)
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/open-data/360giving.json", open_data_360giving, methods=["GET"]),
            Route(
                "/exports/applications.csv", applications_export(config.secret_key, "csv"), methods=["GET"]
            ),
            Route(
                "/exports/applications.xlsx", applications_export(config.secret_key, "xlsx"), methods=["GET"]
            ),
        ],
        middleware=[Middleware(RequestIdMiddleware)],
        lifespan=lifespan,
        max_body_size=config.max_body_bytes,
    )
