"""GET /documents/{id}: a document's bytes, streamed from the BlobStore to whoever may see it.

Authenticated like the exports: the bearer token, else the portal's session cookie (a GET that
changes nothing: another site can make a browser download the file, never read it). Unknown,
malformed and invisible documents are all the same 404, so nobody learns which exist.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from grants.documents.content import CSV, TXT
from grants.documents.filenames import content_disposition
from grants.documents.service import find_document
from grants.storage import BlobStore
from schema.base.node import pk_of
from server.auth import downloading_user

logger = logging.getLogger("kipnet.documents")
NOT_FOUND = {"error": "No such document", "code": "NOT_FOUND"}


def _media_type(content_type: str) -> str:
    # Text was accepted as UTF-8 only (grants/documents/content.py): say so, so nothing guesses.
    return f"{content_type}; charset=utf-8" if content_type in (CSV, TXT) else content_type


def document_download(
    store: BlobStore, secret: str, production: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint answering a visible document's bytes, 404 to everyone else."""

    async def endpoint(request: Request) -> Response:
        actor = await downloading_user(request, secret=secret, production=production)
        document_id = pk_of(request.path_params["id"], "Document")
        document = await find_document(actor, document_id) if document_id else None
        if document is None:
            return JSONResponse(NOT_FOUND, status_code=404)
        if not await store.has(document.sha256):
            # The database names bytes the store lacks: a restore without the files, say.
            logger.error("document %s: blob %s is missing from the store", document.id, document.sha256)
            return JSONResponse(NOT_FOUND, status_code=404)
        return StreamingResponse(
            store.read(document.sha256),
            media_type=_media_type(document.content_type),
            headers={
                "Content-Length": str(document.size),
                "Content-Disposition": content_disposition(document.filename),
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-store",
            },
        )

    return endpoint
