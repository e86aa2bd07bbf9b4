"""Entry point for ASGI servers: `uvicorn --factory server.asgi:create_app` (settings from KIPNET_*)."""

from starlette.applications import Starlette

from server import app
from server.logs import configure_logging
from server.settings import Settings


def create_app() -> Starlette:
    """The app for the environment's settings, with logging set up as they say (also in each worker)."""
    settings = Settings.from_environ()
    configure_logging(json_lines=settings.log_format == "json")
    return app.create_app(settings)


__all__ = ["create_app"]
