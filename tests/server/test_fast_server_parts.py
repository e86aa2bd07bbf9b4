"""kipnet serves with uvloop and httptools (the stack's fast parts), which uvicorn picks by itself when installed,
and with the garbage collector tuned for serving."""

from __future__ import annotations

import gc

import uvicorn

from server.app import GC_YOUNG_THRESHOLD, create_app
from server.settings import Settings


def test_uvicorn_chooses_httptools_and_uvloop() -> None:
    # given uvicorn configured as `kipnet serve` configures it (no protocol or loop named)
    config = uvicorn.Config("server.asgi:create_app", factory=True)
    # when it loads and makes its event loop
    config.load()
    loop_factory = config.get_loop_factory()
    assert loop_factory is not None
    loop = loop_factory()
    try:
        # then it speaks HTTP through httptools on uvloop's loop
        assert config.http_protocol_class.__name__ == "HttpToolsProtocol"
        assert type(loop).__module__.startswith("uvloop")
    finally:
        loop.close()


async def test_a_started_app_freezes_what_it_made_and_collects_young_objects_in_larger_batches() -> None:
    # given an app that does not open a database of its own, and the collector as the tests run it
    app = create_app(Settings(), manage_database=False)
    threshold = gc.get_threshold()
    try:
        # when it starts
        async with app.router.lifespan_context(app):
            # then what existed is frozen and the youngest generation is collected less often
            assert gc.get_freeze_count() > 0
            assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
