"""Logging: one JSON object per line in production, every line carrying the request id it belongs to."""

from __future__ import annotations

import json
import logging
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

#: The id of the request being served by the current task ("-" outside requests).
current_request_id: ContextVar[str] = ContextVar("kipnet_request_id", default="-")

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Stamp every record with the current request id."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keep the record; add `request_id`."""
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time (UTC), level, logger, message, request id, extras, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        """The JSON line for `record`."""
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id.get()),
        }
        entry |= {key: value for key, value in vars(record).items() if key not in _STANDARD}
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(*, json_lines: bool, level: int = logging.INFO) -> None:
    """Route every logger (uvicorn's included) to standard error, as JSON lines or as text."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        JsonFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    # Nothing written names a source line, thread or process: not looking them up halves the cost of
    # a record (the logging HOWTO's "Optimization"), which every request pays for its access line.
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # kipnet writes its own access line (with the request id); uvicorn's would repeat it without.
    logging.getLogger("uvicorn.access").disabled = True
    logging.getLogger("tortoise").setLevel(logging.WARNING)


#: Paths whose last part is a one-time token (the portal's invitation and reset links).
_TOKEN_PATHS = ("/account/invitation/", "/account/reset/")


def redacted_path(path: str) -> str:
    """`path` as logs may show it: the token of an invitation or reset link replaced by "…"."""
    for prefix in _TOKEN_PATHS:
        if path.startswith(prefix) and len(path) > len(prefix):
            return prefix + "…"
    return path
