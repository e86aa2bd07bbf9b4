"""The `kipnet` command line: serve, db upgrade|backup|restore, seed, users add, schema, export, mail,
letter."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from fixtures.loader import seed
from grants import accounts, open_data, two_factor
from grants.database import upgrade
from grants.directory.digest import send_directory_digest
from grants.errors import ConfigurationError, DomainError
from grants.letters import LETTER_LANGUAGES, render_decision_letter
from grants.letters.sample import sample_letter
from grants.mails import MAIL_LANGUAGES, catalogue
from grants.models import Role
from schema import SchemaOptions, build_schema
from server import serving
from server.backup import BackupError, backup, documents_hint, restore
from server.demo import prepare_demo, with_database
from server.logs import configure_logging
from server.mail_preview import previews, shown, write_previews
from server.settings import Settings


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    if args.workers > 1 and settings.database_url.startswith("sqlite"):
        print(
            "kipnet: several workers need PostgreSQL (KIPNET_DATABASE_URL=postgres://…); "
            "SQLite allows one writer process",
            file=sys.stderr,
        )
        return 2
    return serving.serve(
        database_url=settings.database_url,
        host=args.host,
        port=args.port,
        workers=args.workers,
        # The demo's preparation changes the database: it runs only once the port and database are ours.
        prepare=(lambda: prepare_demo(settings)) if args.demo else None,
        uvicorn_options={
            "log_config": None,
            "access_log": False,
            # Behind these proxies X-Forwarded-For names the client, which login throttling counts by.
            "proxy_headers": True,
            "forwarded_allow_ips": settings.forwarded_allow_ips,
            # Past this many open connections (per worker) new requests get 503 instead of queueing up;
            # uvicorn counts the arriving connection too, hence the one more.
            "limit_concurrency": settings.max_connections + 1,
            # An idle keep-alive connection is closed after this many seconds.
            "timeout_keep_alive": settings.keepalive_seconds,
        },
    )


def _read_password() -> str | None:
    """The new account's password: typed twice without echo in a terminal, else the first line of stdin.

    None when the two typed passwords differ.
    """
    if not sys.stdin.isatty():
        # A script or a pipe (`printf '%s\n' … | kipnet users add …`): nothing is shown anyway.
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password (at least 12 characters): ")
    second = getpass.getpass("Password again: ")
    return first if first == second else None


def _add_user(settings: Settings, args: argparse.Namespace) -> int:
    password = _read_password()
    if password is None:
        print("kipnet: the two passwords differ; no account was created", file=sys.stderr)
        return 1

    async def work() -> str:
        user = await accounts.create_user(
            email=args.email,
            password=password,
            role=Role(args.role),
            display_name=args.name,
            organisation_slug=args.organisation,
        )
        return user.email

    try:
        email = asyncio.run(with_database(settings, work))
    except DomainError as error:
        for problem in error.problems:
            print(f"kipnet: {'.'.join(problem.field) or 'user'}: {problem.message}", file=sys.stderr)
        return 1
    print(f"kipnet: user {email} ({args.role}) created")
    return 0


def _reset_two_factor(settings: Settings, args: argparse.Namespace) -> int:
    """Two-factor sign-in off for an account whose phone and recovery codes are lost (audited)."""

    async def work() -> str:
        return (await two_factor.reset(email=args.email)).email

    try:
        email = asyncio.run(with_database(settings, work))
    except DomainError as error:
        print(f"kipnet: {error.problems[0].message}", file=sys.stderr)
        return 1
    print(f"kipnet: two-factor sign-in of {email} is off")
    return 0


def _export(settings: Settings, args: argparse.Namespace) -> int:
    data = asyncio.run(with_database(settings, lambda: open_data.package(now=datetime.now(UTC))))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as file:
            file.write(text)
        print(f"kipnet: {len(data['grants'])} grants written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _mail(settings: Settings, args: argparse.Namespace) -> int:
    """`kipnet mail preview|digest`."""
    if args.mail_command == "digest":
        return _digest(settings)
    return _preview(settings, args)


def _digest(settings: Settings) -> int:
    """`kipnet mail digest`: write the administrators' digest of directory edits to the outbox once."""
    written = asyncio.run(
        with_database(
            settings, lambda: send_directory_digest(now=datetime.now(UTC), public_url=settings.public_url)
        )
    )
    print(f"kipnet: directory digest: {written} mail(s) written to the outbox")
    return 0


def _database(settings: Settings, args: argparse.Namespace) -> int:
    try:
        if args.db_command == "backup":
            size = backup(database_url=settings.database_url, target=args.path)
            print(f"kipnet: backup written to {args.path} ({size} bytes, integrity ok)")
            print(f"kipnet: {documents_hint(settings.storage_location)}")
        elif args.db_command == "restore":
            size = restore(database_url=settings.database_url, source=args.path)
            print(f"kipnet: database restored from {args.path} ({size} bytes)")
        else:
            asyncio.run(upgrade(settings.database_url))
            print("kipnet: database is up to date")
    except BackupError as error:
        print(f"kipnet: {error}", file=sys.stderr)
        return 1
    return 0


def _preview(settings: Settings, args: argparse.Namespace) -> int:
    """`kipnet mail preview`: every mail kind in every language from sample values."""
    kinds = [args.kind] if args.kind else None
    languages = [args.language] if args.language else None
    public_url = settings.public_url
    if args.out:
        written = write_previews(out=args.out, kinds=kinds, languages=languages, public_url=public_url)
        print(f"kipnet: {len(written)} mail previews written to {args.out}")
        return 0
    for kind, _, mail in previews(kinds=kinds, languages=languages, public_url=public_url):
        print(shown(kind, mail, html=args.html))
    return 0


def _letter(args: argparse.Namespace) -> int:
    """`kipnet letter preview`: a sample decision letter as a PDF, for proofreading (no database)."""
    args.out.write_bytes(render_decision_letter(sample_letter(args.language, rejected=args.reject)))
    kind = "rejection" if args.reject else "approval"
    print(f"kipnet: sample {kind} letter [{args.language}] written to {args.out}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kipnet", description="KIP partner directory and grant applications"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--demo", action="store_true", help="migrate, seed and create demo accounts first")
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply migrations")
    db_backup = db_commands.add_parser("backup", help="copy the SQLite database to PATH while serving")
    db_backup.add_argument("path", type=Path)
    db_restore = db_commands.add_parser("restore", help="replace the SQLite database by the backup PATH")
    db_restore.add_argument("path", type=Path)
    seeding = commands.add_parser(
        "seed", help="add the fixture records that are missing; never overwrites what someone changed"
    )
    seeding.add_argument(
        "--restore-fixtures",
        action="store_true",
        help="also write the fixture values back over records changed since they were seeded (audited)",
    )
    users = commands.add_parser("users", help="manage accounts").add_subparsers(
        dest="users_command", required=True
    )
    add = users.add_parser(
        "add", help="add an account; the password is asked for (hidden) in a terminal, else read from stdin"
    )
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--organisation", help="slug of the organisation an applicant acts for")
    add.add_argument("--name", help="display name")
    reset_two_factor = users.add_parser(
        "reset-two-factor", help="turn off two-factor sign-in of an account (lost phone and recovery codes)"
    )
    reset_two_factor.add_argument("email")
    commands.add_parser("schema", help="print the GraphQL SDL")
    export = commands.add_parser("export", help="open data").add_subparsers(
        dest="export_format", required=True
    )
    giving = export.add_parser("360giving", help="every award as a 360Giving JSON package")
    giving.add_argument("--output", help="file to write (default: standard output)")
    mail = commands.add_parser("mail", help="the mails kipnet sends").add_subparsers(
        dest="mail_command", required=True
    )
    preview = mail.add_parser("preview", help="show every kind of mail in every language from sample values")
    preview.add_argument("--kind", choices=sorted(catalogue()), help="only this kind")
    preview.add_argument("--language", choices=MAIL_LANGUAGES, help="only this language")
    preview.add_argument("--html", action="store_true", help="show the HTML instead of the plain text")
    preview.add_argument("--out", type=Path, help="write KIND.LANGUAGE.txt and .html files into this folder")
    mail.add_parser("digest", help="write the administrators' digest of directory edits to the outbox now")
    letter = commands.add_parser("letter", help="the decision letters kipnet writes").add_subparsers(
        dest="letter_command", required=True
    )
    sample = letter.add_parser("preview", help="write a sample decision letter (PDF) from sample values")
    sample.add_argument("--language", choices=LETTER_LANGUAGES, default="de", help="its language (de)")
    sample.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    sample.add_argument("--reject", action="store_true", help="a rejection instead of an approval")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `kipnet` command with `argv` (default: the process arguments)."""
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_environ()
    except ConfigurationError as error:
        print(f"kipnet: {error}", file=sys.stderr)
        return 2
    configure_logging(json_lines=settings.log_format == "json")
    if args.command == "schema":
        print(build_schema(SchemaOptions()).as_str())
        return 0
    if args.command == "db":
        return _database(settings, args)
    if args.command == "seed":
        report = asyncio.run(with_database(settings, lambda: seed(restore=args.restore_fixtures)))
        print("kipnet: seeded the fixtures")
        for line in report.lines():
            print(f"  {line}")
        return 0
    if args.command == "users" and args.users_command == "reset-two-factor":
        return _reset_two_factor(settings, args)
    if args.command == "users":
        return _add_user(settings, args)
    if args.command == "export":
        return _export(settings, args)
    if args.command == "mail":
        return _mail(settings, args)
    if args.command == "letter":
        return _letter(args)
    return _serve(settings, args)


if __name__ == "__main__":
    sys.exit(main())
