"""`kipnet users add` typed into a terminal (a pseudo-terminal): the password is never shown."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.served import kipnet_command, kipnet_environment

PASSWORD = "correct horse battery staple"
PROMPT = b"Password (at least 12 characters): "
AGAIN = b"Password again: "
#: Generous: the command starts a Python interpreter on a shared machine; no timing is asserted.
PATIENCE_SECONDS = 60.0


class Terminal:
    """A command whose standard input, output and error are one pseudo-terminal, as in a shell."""

    def __init__(self, args: list[str], directory: Path) -> None:
        master, slave = pty.openpty()
        self.master = master
        self.screen = b""
        self.database = directory / "k.sqlite3"
        self.process = subprocess.Popen(
            kipnet_command(*args),
            cwd=directory,
            env=kipnet_environment(f"sqlite://{self.database}"),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
        )
        os.close(slave)

    def _read(self, timeout: float) -> bool:
        """Add what the terminal shows to `screen`; False once the command has closed it."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: every process holding the terminal has exited
            return False
        self.screen += chunk
        return bool(chunk)

    def wait_for(self, text: bytes) -> None:
        """Read until the screen shows `text`."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while text not in self.screen:
            assert time.monotonic() < deadline, f"{text!r} never shown; the screen: {self.screen!r}"
            assert self._read(0.2), f"closed before {text!r} was shown; the screen: {self.screen!r}"

    def type(self, line: str) -> None:
        """Type a line and press Enter."""
        os.write(self.master, line.encode() + b"\r")

    def finish(self) -> int:
        """Read what is left on the screen; the command's exit code."""
        while self._read(0.2):
            pass
        os.close(self.master)
        return self.process.wait(timeout=PATIENCE_SECONDS)

    def accounts(self) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.database) as connection:
            return connection.execute("SELECT email, role FROM user_account").fetchall()


def upgraded(directory: Path) -> Path:
    subprocess.run(
        kipnet_command("db", "upgrade"),
        cwd=directory,
        env=kipnet_environment(f"sqlite://{directory / 'k.sqlite3'}"),
        check=True,
        capture_output=True,
    )
    return directory


def test_a_password_typed_in_a_terminal_is_asked_twice_and_never_shown(tmp_path):
    # given a terminal running `kipnet users add`
    terminal = Terminal(["users", "add", "anna@example.org", "--role", "ADMIN"], upgraded(tmp_path))
    # when the password is typed at each prompt
    terminal.wait_for(PROMPT)
    terminal.type(PASSWORD)
    terminal.wait_for(AGAIN)
    terminal.type(PASSWORD)
    # then the account exists and the screen never showed the password
    assert terminal.finish() == 0
    assert PASSWORD.encode() not in terminal.screen
    assert terminal.screen.endswith(b"kipnet: user anna@example.org (ADMIN) created\r\n")
    assert terminal.accounts() == [("anna@example.org", "ADMIN")]


def test_two_different_passwords_in_a_terminal_create_nothing(tmp_path):
    # given a terminal running `kipnet users add`
    terminal = Terminal(["users", "add", "anna@example.org", "--role", "ADMIN"], upgraded(tmp_path))
    # when the second password differs from the first
    terminal.wait_for(PROMPT)
    terminal.type(PASSWORD)
    terminal.wait_for(AGAIN)
    terminal.type(PASSWORD + "!")
    # then it says so and no account was created
    assert terminal.finish() == 1
    assert terminal.screen.endswith(b"kipnet: the two passwords differ; no account was created\r\n")
    assert PASSWORD.encode() not in terminal.screen
    assert terminal.accounts() == []
