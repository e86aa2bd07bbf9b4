"""The ASGI application: routes, middleware (request ids, security headers, CORS), the database's lifetime."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp
from tortoise import Tortoise

from grants import open_data
from grants.database import tortoise_config
from grants.documents.rules import MEGABYTE
from grants.freshness import Freshness
from grants.mailer import SmtpTarget
from grants.storage import BlobStore, check_store, open_store
from schema.base.public_cache import PublicResults
from server import graphiql
from server.disconnect import DisconnectWatch
from server.documents import document_download
from server.exports import applications_export
from server.faults import FaultBarrier, http_refusal, internal_error
from server.graphql_view import KipnetGraphQL
from server.guard import RequestGuard
from server.health import healthz, readyz
from server.outbox import send_outbox_forever, write_digests_forever
from server.payment_exports import payments_export
from server.public_cache import PublicAnswerCache
from server.request_id import RequestIdMiddleware
from server.security import SecurityHeadersMiddleware
from server.settings import Settings
from web.app import create_portal
from web.app import upload_paths as portal_upload_paths

logger = logging.getLogger("kipnet.server")


async def open_data_360giving(request: Request) -> JSONResponse:
    """Every award as a 360Giving package, public."""
    return JSONResponse(await open_data.package(now=datetime.now(UTC)))


def cors(settings: Settings) -> list[Middleware]:
    """CORS for the configured browser origins only; none configured, no cross-origin reads at all."""
    if not settings.cors_origins:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept", "Accept-Language", "X-Request-Id"],
            expose_headers=["X-Request-Id"],
            max_age=600,
        )
    ]


#: Where multipart bodies stream to the app unread by the request guard (each reads them with
#: schema.base.uploads.read_multipart, counting as they come): the API; the portal's upload forms join here.
UPLOAD_PATHS = (re.compile(r"/graphql"),)
#: Container objects made between two collections of the youngest generation (Python's default: 700).
GC_YOUNG_THRESHOLD = 10_000


def settle_garbage_collection() -> None:
    """Tune the collector for serving, once the app has started.

    What exists by then (modules, the schema, templates, the database connections) lives as long as
    the process: frozen, full collections stop walking its hundred thousand objects again and
    again. A request makes tens of thousands of short-lived objects; with the default threshold the
    youngest generation was collected three times per directory page. Measured on that page:
    collections took about 1.2 ms of its 19 ms, and 0.3 ms with both changes.
    """
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD)


class KipnetApp(Starlette):
    """Starlette inside kipnet's outermost layers, so that even its own error answers get them.

    Outside in: request id and access line, security headers, the fault barrier, then the `front`
    layers (CORS, the request guard, the public answers kept in memory), then Starlette's stack (its
    error handler, the disconnect watch, its HTTP exception handling, the routes). A kept public answer
    leaves from the front, so it costs none of what is behind.
    """

    def __init__(self, *, production: bool, front: Sequence[Middleware] = (), **options: Any) -> None:
        self.production = production
        self.front = list(front)
        super().__init__(**options)

    def build_middleware_stack(self) -> ASGIApp:
        """Starlette's stack wrapped in kipnet's outer layers."""
        inner = super().build_middleware_stack()
        for layer, args, kwargs in reversed(self.front):
            inner = layer(inner, *args, **kwargs)
        return RequestIdMiddleware(SecurityHeadersMiddleware(FaultBarrier(inner), production=self.production))


def create_app(
    settings: Settings | None = None,
    *,
    manage_database: bool = True,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    store: BlobStore | None = None,
) -> Starlette:
    """The kipnet app; with `manage_database` it opens and closes the database itself.

    Documents' bytes go to `store`, else to the store KIPNET_STORAGE_URL names (opened here, once per
    app, and closed with it).
    """
    config = settings or Settings.from_environ()
    documents = store or open_store(config.storage_location, s3=config.s3)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        if manage_database:
            await Tortoise.init(config=tortoise_config(config.database_url), _enable_global_fallback=True)
        # A missing bucket or refused keys stop the service now, with the setting to fix, not at the
        # first upload.
        await check_store(documents)
        sender = None
        if config.smtp_url:
            target = SmtpTarget.from_url(config.smtp_url, config.mail_from)
            sender = asyncio.create_task(
                send_outbox_forever(target, config.outbox_interval_seconds, secret=config.secret_key)
            )
        digests = asyncio.create_task(write_digests_forever(config.public_url))
        settle_garbage_collection()
        try:
            yield {}
        finally:
            for task in (sender, digests):
                if task is not None:
                    task.cancel()
                    with suppress(asyncio.CancelledError):
                        await task
            freshness.close()
            await documents.close()
            if manage_database:
                await Tortoise.close_connections()

    # Public answers are kept in memory, half as GraphQL results (for the portal's pages too) and half
    # as HTTP answers; both under the stamp read from the database, so every worker drops them alike.
    freshness = Freshness()
    cache_bytes = config.public_cache_mb * 1024 * 1024 // 2
    public_results = PublicResults(freshness, cache_bytes) if cache_bytes else None
    graphql = KipnetGraphQL(config, clock, public_results, store=documents)
    portal = create_portal(
        schema=graphql.schema,
        make_context=graphql.context_for,
        secret=config.secret_key,
        secure=config.production,
        api_refusal=http_refusal,
        upload_limits=graphql.upload_limits,
    )
    app = KipnetApp(
        production=config.production,
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/open-data/360giving.json", open_data_360giving, methods=["GET"]),
            Route(
                "/exports/applications.csv",
                applications_export(config.secret_key, "csv", config.production),
                methods=["GET"],
            ),
            Route(
                "/exports/applications.xlsx",
                applications_export(config.secret_key, "xlsx", config.production),
                methods=["GET"],
            ),
            Route(
                "/documents/{id}",
                document_download(documents, config.secret_key, config.production),
                methods=["GET"],
            ),
            Route(
                "/exports/payments.csv",
                payments_export(config.secret_key, "csv", config.production),
                methods=["GET"],
            ),
            Route(
                "/exports/payments.xlsx",
                payments_export(config.secret_key, "xlsx", config.production),
                methods=["GET"],
            ),
            *([] if config.production else graphiql.routes()),
        ],
        front=[
            *cors(config),
            Middleware(
                RequestGuard,
                max_body_bytes=config.max_body_bytes,
                body_timeout_seconds=config.body_timeout_seconds,
                # A multipart request to /graphql carries a document: its limit plus the usual body.
                max_upload_bytes=config.max_document_mb * MEGABYTE + config.max_body_bytes,
                # The API and the portal's forms with files (read as they stream by its ForgeryGuard).
                upload_paths=(*UPLOAD_PATHS, *portal_upload_paths().patterns),
                pages_refusing_size=portal_upload_paths().patterns,
            ),
            *(
                [Middleware(PublicAnswerCache, freshness=freshness, max_bytes=cache_bytes, clock=clock)]
                if cache_bytes
                else []
            ),
        ],
        middleware=[Middleware(DisconnectWatch)],
        exception_handlers={HTTPException: http_refusal, Exception: internal_error},
        lifespan=lifespan,
    )
    # The portal answers what no API route does (its own pages, and every unknown path), so a wrong
    # method on an API route still gets its 405.
    app.router.default = portal
    return app
