"""The /graphql endpoint: Strawberry's ASGI view speaking the GraphQL-over-HTTP media types.

Multipart requests (the GraphQL multipart request spec, for documents) are read here as they stream,
by schema.base.uploads, before Strawberry sees them: Strawberry's own reading would spool each file
whole before anyone could count it.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from contextlib import AsyncExitStack
from datetime import datetime, timedelta
from typing import Any, cast

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.datastructures import FormData, UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from grants.documents.rules import MEGABYTE, Limits
from grants.storage import BlobStore
from grants.text import parse_accept_language
from schema import SchemaOptions, build_schema
from schema.base.public_cache import PublicResults
from schema.base.uploads import Multipart, UploadLimits, UploadRefused, read_multipart
from schema.context import Context
from server import graphiql
from server.auth import acting_user, bearer_token
from server.guard import is_multipart
from server.request_id import request_id_from
from server.responses import GRAPHQL_RESPONSE_JSON, LEGACY_JSON, error_response, response_media_type
from server.settings import Settings

# The codes of the refusals Strawberry raises before a document runs (GET mutation, batch, bad body).
REFUSAL_CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


def is_request_error(result: ExecutionResult) -> bool:
    """True when the operation never ran: a parse, validation or variable error (errors without a path)."""
    errors: list[GraphQLError] = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


def document_limits(settings: Settings) -> Limits:
    """The documents' size limits in bytes, from the settings in MB."""
    return Limits(
        per_file=settings.max_document_mb * MEGABYTE,
        per_application=settings.max_application_documents_mb * MEGABYTE,
    )


def upload_limits(settings: Settings) -> UploadLimits:
    """A multipart request to /graphql: files up to a document's limit, the rest as any request body."""
    return UploadLimits(
        max_file_bytes=settings.max_document_mb * MEGABYTE, max_field_bytes=settings.max_body_bytes
    )


class ReceivedRequest(Request):
    """A request whose multipart body was read already (streamed, counted, hashed): Strawberry's
    `request.form()` gets the operations, the map and the received files from it."""

    def __init__(self, scope: Scope, receive: Receive, received: Multipart) -> None:
        super().__init__(scope, receive)
        items: list[tuple[str, str | UploadFile]] = [
            (name, value) for name, values in received.fields.items() for value in values
        ]
        # The Upload scalar hands resolvers the ReceivedFile itself (path, size, SHA-256), not a stream.
        items += [(name, cast("Any", file)) for name, file in received.files.items()]
        self.received = FormData(items)

    async def form(self, **_: Any) -> FormData:  # type: ignore[override]
        """The form as read before Strawberry asked."""
        return self.received


class KipnetGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with kipnet's per-request context and spec-conformant responses."""

    def __init__(
        self,
        settings: Settings,
        clock: Callable[[], datetime],
        public_results: PublicResults | None = None,
        store: BlobStore | None = None,
    ) -> None:
        schema = build_schema(
            SchemaOptions(
                production=settings.production,
                max_depth=settings.max_query_depth,
                max_aliases=settings.max_aliases,
                max_tokens=settings.max_tokens,
                max_cost=settings.max_query_cost,
                public_results=public_results,
            )
        )
        super().__init__(
            schema,
            graphql_ide=None if settings.production else "graphiql",
            allow_queries_via_get=True,
            # Safe here: /graphql reads bearer tokens only, never the portal's cookie (no CSRF).
            multipart_uploads_enabled=True,
        )
        self.settings = settings
        self.clock = clock
        self.store = store
        self.document_limits = document_limits(settings)
        self.upload_limits = upload_limits(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Strawberry's view, but its refusals answer a GraphQL error as JSON, not plain text."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        if request.method == "POST" and is_multipart(
            request.headers.get("content-type", "").encode("latin-1")
        ):
            await self._upload(request, scope, receive, send)
            return
        await self._answer(request, scope, receive, send)

    async def _upload(self, request: Request, scope: Scope, receive: Receive, send: Send) -> None:
        """A GraphQL multipart request: files streamed to temporary files within the limits, then run;
        the files are removed when the answer is sent."""
        accept = request.headers.get("accept")
        async with AsyncExitStack() as files:
            try:
                received = await files.enter_async_context(
                    read_multipart(
                        request.stream(),
                        content_type=request.headers["content-type"],
                        limits=self.upload_limits,
                    )
                )
            except UploadRefused as refusal:
                # Answered at once, the rest of the body unread (the server drops what still comes).
                refused = error_response(accept, refusal.status, refusal.message, refusal.code)
                await refused(scope, receive, send)
                return
            except ClientDisconnect:
                return  # nothing kept, nobody to answer
            except TimeoutError:
                message = (
                    f"The request body did not arrive within {self.settings.body_timeout_seconds} seconds"
                )
                late = error_response(accept, 408, message, "BODY_TIMEOUT", headers={"connection": "close"})
                await late(scope, receive, send)
                return
            await self._answer(ReceivedRequest(scope, receive, received), scope, receive, send)

    async def _answer(self, request: Request, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            response = await self.run(request)
        except HTTPException as refusal:
            response = error_response(
                request.headers.get("accept"),
                refusal.status_code,
                refusal.reason,
                REFUSAL_CODES.get(refusal.status_code, "BAD_REQUEST"),
            )
        await response(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: Response | None) -> Context:  # type: ignore[override]
        """The actor behind the bearer token, the request's languages, and fresh DataLoaders."""
        token = bearer_token(request.headers.get("authorization"))
        languages = parse_accept_language(request.headers.get("accept-language"))
        context = await self.context_for(request, token, languages)
        if response is not None:
            # A public answer says so in its headers (schema/base/public_cache.py).
            context.response_headers = cast("MutableMapping[str, str]", response.headers)
        return context

    async def context_for(
        self, request: Request | WebSocket, token: str | None, languages: tuple[str, ...]
    ) -> Context:
        """The context of one operation run with `token` (the portal's pages come in here with theirs)."""
        actor, pending = (
            await acting_user(token, secret=self.settings.secret_key, production=self.settings.production)
            if token
            else (None, None)
        )
        return Context(
            actor=actor,
            two_factor_pending=pending,
            bearer_token=token,
            languages=languages,
            secret=self.settings.secret_key,
            token_lifetime=timedelta(hours=self.settings.token_lifetime_hours),
            request_id=getattr(request.state, "request_id", None) or request_id_from(None),
            client_address=request.client.host if request.client else "unknown",
            login_limits=self.settings.login_limits,
            clock=self.clock,
            public_url=self.settings.public_url,
            production=self.settings.production,
            store=self.store,
            document_limits=self.document_limits,
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from kipnet's own files (server/graphiql.py), not from a CDN."""
        return graphiql.page()

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        """Remember the negotiated media type on the response being prepared."""
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = response_media_type(request.headers.get("accept"))
        return sub_response

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        """A request error has no `data` entry (the operation never ran)."""
        processed = process_result(result)
        if is_request_error(result):
            processed.pop("data", None)
        return processed

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        """The spec's media type when asked for it; then a request error is a 400."""
        response = super().create_response(response_data, sub_response)
        media_type = sub_response.media_type or LEGACY_JSON
        response.headers["content-type"] = media_type + "; charset=utf-8"
        if (
            media_type == GRAPHQL_RESPONSE_JSON
            and isinstance(response_data, dict)
            and "data" not in response_data
            and not sub_response.status_code
        ):
            response.status_code = 400
        return response
