"""Entry point for ASGI servers: `uvicorn --factory server.asgi:create_app`."""

from server.app import create_app

__all__ = ["create_app"]
