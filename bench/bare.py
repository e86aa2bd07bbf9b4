"""The yardstick: a bare Starlette app on the same uvicorn, answering kipnet's recorded answers.

    python -m bench.bare --port PORT --answers FILE [--workers N]

It reads each request's body as any app must, looks the request up (method, target, body,
If-None-Match) and answers the bytes, status and content type kipnet answered to it — nothing
else. uvicorn runs with kipnet's options (uvloop and httptools, which uvicorn picks itself as for
`kipnet serve`, the same worker count, no access log), so kipnet ÷ bare is what kipnet's own work
costs against the stack's limit.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.settings import Settings

#: The answers file, for the workers uvicorn starts (they import create_app on their own).
ANSWERS_VARIABLE = "BENCH_BARE_ANSWERS"

Key = tuple[str, str, str, bytes, str]


@dataclass(frozen=True, slots=True)
class Answer:
    """A request kipnet was asked and what it answered."""

    method: str
    path: str
    query: str
    body: bytes
    if_none_match: str
    status: int
    content_type: str
    content: bytes
    etag: str = ""

    @property
    def key(self) -> Key:
        """What the bare app looks a request up by."""
        return (self.method, self.path, self.query, self.body, self.if_none_match)


def save_answers(answers: Iterable[Answer], path: Path) -> None:
    """Write the answers as JSON (bytes as base64)."""
    records = []
    for answer in answers:
        record = asdict(answer)
        record["body"] = base64.b64encode(answer.body).decode()
        record["content"] = base64.b64encode(answer.content).decode()
        records.append(record)
    path.write_text(json.dumps(records))


def load_answers(path: Path) -> list[Answer]:
    """The answers save_answers wrote."""
    records = json.loads(path.read_text())
    return [
        Answer(**(r | {"body": base64.b64decode(r["body"]), "content": base64.b64decode(r["content"])}))
        for r in records
    ]


def _response(answer: Answer) -> Response:
    headers = {"content-type": answer.content_type} if answer.content_type else {}
    if answer.etag:
        headers["etag"] = answer.etag
    return Response(answer.content, status_code=answer.status, headers=headers)


def bare_app(answers: Iterable[Answer]) -> Starlette:
    """A Starlette app answering each recorded request as kipnet did, anything else 404."""
    table = {answer.key: answer for answer in answers}

    async def answer(request: Request) -> Response:
        key = (
            request.method,
            request.url.path,
            request.scope["query_string"].decode("latin-1"),
            await request.body(),
            request.headers.get("if-none-match", ""),
        )
        found = table.get(key)
        # A fresh Response per request, as any endpoint builds one.
        return _response(found) if found else Response(b"not recorded", status_code=404)

    return Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "POST"])])


def create_app() -> Starlette:
    """uvicorn's factory: the app for the answers file named in BENCH_BARE_ANSWERS."""
    return bare_app(load_answers(Path(os.environ[ANSWERS_VARIABLE])))


def main() -> None:
    """Serve the answers with kipnet's uvicorn options until stopped."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--answers", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    os.environ[ANSWERS_VARIABLE] = str(args.answers.resolve())
    settings = Settings()
    # The options of server.cli._serve, so that only the app differs.
    uvicorn.run(
        "bench.bare:create_app",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_config=None,
        log_level="warning",
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        limit_concurrency=settings.max_connections + 1,
        timeout_keep_alive=settings.keepalive_seconds,
    )


if __name__ == "__main__":
    main()
