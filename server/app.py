"""The ASGI application: /graphql, /healthz, body limits, and the database for its lifetime."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from tortoise import Tortoise, connections

from grants import accounts, open_data
from grants.database import tortoise_config
from grants.mailer import SmtpTarget
from grants.text import parse_accept_language
from schema import SchemaOptions, build_schema
from schema.context import Context
from server.exports import applications_export
from server.outbox import send_outbox_forever
from server.request_id import RequestIdMiddleware, request_id_from
from server.settings import Settings

logger = logging.getLogger("kipnet.server")


class KipnetGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with kipnet's per-request context."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime]) -> None:
        schema = build_schema(
            SchemaOptions(
                production=settings.production,
                max_depth=settings.max_query_depth,
                max_aliases=settings.max_aliases,
                max_tokens=settings.max_tokens,
            )
        )
        super().__init__(
            schema,
            graphql_ide=None if settings.production else "graphiql",
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
        )
        self.settings = settings
        self.clock = clock

    async def get_context(self, request: Request | WebSocket, response: Response | None) -> Context:  # type: ignore[override]
        """The actor behind the bearer token, the request's languages, and fresh DataLoaders."""
        token = bearer_token(request.headers.get("authorization"))
        actor = await accounts.authenticate(token, secret=self.settings.secret_key) if token else None
        return Context(
            actor=actor,
            bearer_token=token,
            languages=parse_accept_language(request.headers.get("accept-language")),
            secret=self.settings.secret_key,
            token_lifetime=timedelta(hours=self.settings.token_lifetime_hours),
            request_id=getattr(request.state, "request_id", None) or request_id_from(None),
            clock=self.clock,
        )


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header, if there is one."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


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
