"""A real kipnet server process (`kipnet serve`) on a free port, for tests that need one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import httpx

#: --demo loads KIP 1's history first, which takes a while on a busy machine.
STARTUP_SECONDS = 90.0


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Stop a child process cleanly (SIGTERM), with SIGKILL if it lingers more than 10 seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def kipnet_command(*args: str) -> list[str]:
    """The `kipnet` command line run by this interpreter."""
    return [sys.executable, "-m", "server.cli", *args]


def kipnet_environment(database_url: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment without the caller's KIPNET_* settings, pointing at `database_url`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("KIPNET_")}
    return env | {"KIPNET_DATABASE_URL": database_url} | dict(extra or {})


class ServedKipnet:
    """`kipnet serve` in a child process; `start`, `kill` (SIGKILL) and `stop` it as often as needed."""

    def __init__(
        self,
        database_url: str,
        log: Path,
        extra_env: Mapping[str, str] | None = None,
        *,
        serve_args: Sequence[str] = (),
    ) -> None:
        self.env = kipnet_environment(database_url, extra_env)
        self.log = log
        self.serve_args = tuple(serve_args)
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServedKipnet:
        """Start the server and wait until /healthz answers 200."""
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                kipnet_command("serve", "--port", str(self.port), *self.serve_args),
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parent.parent,
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"kipnet serve exited with {self.process.returncode}: {self.log.read_text()}"
                )
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"kipnet serve did not become healthy: {self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flushing, as when the machine loses the process."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        """A clean shutdown (SIGTERM), SIGKILL if it takes too long."""
        if self.process is None:
            return
        stop_process(self.process)
        self.process = None
