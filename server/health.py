"""Probes for an orchestrator: /healthz (the process and its database answer), /readyz (ready for traffic)."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse
from tortoise import connections

from grants.database import pending_migrations

logger = logging.getLogger("kipnet.health")
UNREACHABLE = {"status": "unavailable", "database": "unreachable"}


async def _database_answers() -> bool:
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:  # any failure to reach the database means "not healthy"
        logger.warning("database unreachable", exc_info=True)
        return False
    return True


async def healthz(request: Request) -> JSONResponse:
    """Liveness: 200 when the database answers a query, 503 otherwise."""
    if not await _database_answers():
        return JSONResponse(UNREACHABLE, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Readiness: 200 only when the database answers and every migration of this code is applied."""
    if not await _database_answers():
        return JSONResponse(UNREACHABLE, status_code=503)
    try:
        pending = await pending_migrations()
    except Exception:  # a database without kipnet's tables is simply not ready
        logger.warning("migration state unreadable", exc_info=True)
        return JSONResponse(
            {"status": "unavailable", "database": "ok", "migrations": "unknown"}, status_code=503
        )
    if pending:
        return JSONResponse(
            {"status": "unavailable", "database": "ok", "migrations": "pending", "pending": pending},
            status_code=503,
        )
    return JSONResponse({"status": "ok", "database": "ok", "migrations": "current"})
