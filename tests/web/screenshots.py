"""Screenshots of portal pages for the README: serves a demo (`kipnet serve --demo` on a fresh SQLite
file), signs in as a demo account where a page asks for one, and writes full-page PNGs with the
system's Chromium under the real content security policy.

    python -m tests.web.screenshots                       # start and sign-in pages, German, desktop
    python -m tests.web.screenshots / /sign-in applicant:/applications --languages de,fr --widths 1024,360

A page is `PATH` or `ROLE:PATH` (role of a demo account: applicant, reviewer, approver, admin); each
is written as `<out>/<language>-<role->name-<width>.png`.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from tests.served import ServedKipnet
from tests.web.browser.availability import chromium_path
from web import i18n

DEFAULT_PAGES = ("/", "/sign-in")
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
#: `kipnet serve --demo` prints one line per demo account: role, e-mail address, password.
ACCOUNT_LINE = re.compile(r"^\s+(APPLICANT|REVIEWER|APPROVER|ADMIN)\s+(\S+@\S+)\s+(\S+)\s*$", re.MULTILINE)
HEIGHT = 900


@dataclass(frozen=True, slots=True)
class Shot:
    """One page to photograph, as whom (None: nobody signed in)."""

    path: str
    role: str | None

    @classmethod
    def parse(cls, text: str) -> Shot:
        """`/sign-in` or `applicant:/applications`."""
        role, _, path = text.rpartition(":")
        if not path.startswith("/"):
            raise argparse.ArgumentTypeError(f"{text!r}: a page is PATH or ROLE:PATH, PATH starting with /")
        return cls(path, role.upper() or None)

    def file_name(self, language: str, width: int) -> str:
        """A name that says language, role, page and width."""
        name = re.sub(r"[^a-z0-9]+", "-", self.path.lower()).strip("-") or "start"
        role = f"{self.role.lower()}-" if self.role else ""
        return f"{language}-{role}{name}-{width}.png"


def demo_accounts(log: str) -> dict[str, tuple[str, str]]:
    """The demo accounts the served demo printed: role -> (e-mail address, password)."""
    return {role: (email, password) for role, email, password in ACCOUNT_LINE.findall(log)}


async def photograph(
    browser: Browser, url: str, accounts: dict[str, tuple[str, str]], shot: Shot, language: str, width: int
) -> bytes:
    """Open the page in a fresh context (signed in if asked) and take its full-page PNG."""
    context = await browser.new_context(base_url=url, viewport={"width": width, "height": HEIGHT})
    await context.add_cookies([{"name": i18n.COOKIE, "value": language, "url": url}])
    page = await context.new_page()
    try:
        if shot.role:
            if shot.role not in accounts:
                raise SystemExit(f"no demo account for {shot.role}: {sorted(accounts)}")
            email, password = accounts[shot.role]
            await page.goto("/sign-in")
            await page.fill("#f-email", email)
            await page.fill("#f-password", password)
            async with page.expect_navigation():
                await page.click("main button[type=submit]")
        await page.goto(shot.path)
        return await page.screenshot(full_page=True)
    finally:
        await context.close()


async def photograph_all(
    url: str, accounts: dict[str, tuple[str, str]], shots: list[Shot], languages: list[str], widths: list[int]
) -> dict[str, bytes]:
    """Every page in every language and width, by file name, with one browser."""
    taken: dict[str, bytes] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(chromium_path()), args=["--no-sandbox"]
        )
        for shot in shots:
            for language in languages:
                for width in widths:
                    taken[shot.file_name(language, width)] = await photograph(
                        browser, url, accounts, shot, language, width
                    )
        await browser.close()
    return taken


def take(shots: list[Shot], languages: list[str], widths: list[int], out: Path) -> list[Path]:
    """Serve a demo in a temporary folder, photograph the pages and write the PNGs into `out`."""
    with tempfile.TemporaryDirectory(prefix="kipnet-screenshots-") as folder:
        database = f"sqlite://{Path(folder) / 'kipnet.sqlite3'}"
        # Unbuffered, so the demo accounts are in the log by the time the server answers.
        server = ServedKipnet(
            database, Path(folder) / "server.log", {"PYTHONUNBUFFERED": "1"}, serve_args=["--demo"]
        )
        server.start()
        try:
            accounts = demo_accounts(server.log.read_text())
            taken = asyncio.run(photograph_all(server.url, accounts, shots, languages, widths))
        finally:
            server.stop()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, png in taken.items():
        (out / name).write_bytes(png)
        written.append(out / name)
    return written


def arguments(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.web.screenshots", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("pages", nargs="*", type=Shot.parse, help="PATH or ROLE:PATH (default: / /sign-in)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder for the PNGs (docs/screenshots)"
    )
    parser.add_argument("--languages", default="de", help="comma-separated: de,fr,it,en (default de)")
    parser.add_argument("--widths", default="1024", help="comma-separated window widths in px (default 1024)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots and list the files written."""
    args = arguments(sys.argv[1:] if argv is None else argv)
    if chromium_path() is None:
        print("screenshots: Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    languages = [language.strip() for language in args.languages.split(",") if language.strip()]
    unknown = [language for language in languages if language not in i18n.LANGUAGES]
    if unknown:
        print(
            f"screenshots: unknown language(s) {unknown}; choose from {list(i18n.LANGUAGES)}", file=sys.stderr
        )
        return 2
    widths = [int(width) for width in args.widths.split(",")]
    shots = args.pages or [Shot.parse(page) for page in DEFAULT_PAGES]
    for path in take(shots, languages, widths, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
