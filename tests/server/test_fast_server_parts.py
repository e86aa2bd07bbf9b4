"""kipnet serves with uvloop and httptools (the stack's fast parts), which uvicorn picks by itself when installed."""

from __future__ import annotations

import uvicorn


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
