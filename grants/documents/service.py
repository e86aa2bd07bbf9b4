"""Use cases of documents: attach one to an application or report, remove one, find the visible ones.

Bytes go to the BlobStore under their SHA-256 before the row is written (a blob without a row is
harmless; a row without its blob is not), and leave it only after the last row naming them is gone
and that removal is committed. Identical files are stored once: the rows are the reference count.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from tortoise.functions import Count, Sum

from grants import audit
from grants.applications import find, require_visible
from grants.atomic import atomic
from grants.documents.content import judge
from grants.documents.filenames import display_name
from grants.documents.rules import Limits, attach_problem, remove_problem, total_problem
from grants.errors import DomainError, ErrorCode, Problem
from grants.models import Application, Document, DocumentKind, ProjectReport, Role, User
from grants.permissions import require_role
from grants.storage import BlobStore


class Received(Protocol):
    """A file as it arrived: spooled to `path`, counted and hashed on the way in."""

    @property
    def path(self) -> Path: ...
    @property
    def size(self) -> int: ...
    @property
    def sha256(self) -> str: ...
    @property
    def filename(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Attachment:
    """What to attach: to which application (and report), as what kind, which file."""

    application_id: int
    report_id: int | None
    kind: DocumentKind
    file: Received


def _judge(path: Path, filename: str) -> str:
    with path.open("rb") as stream:
        return judge(stream, filename=filename)


def _spooled(data: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix="kipnet-generated-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    return Path(name)


async def stored_totals(application_id: int) -> tuple[int, int]:
    """How many bytes the documents of an application hold together, and how many there are."""
    rows = (
        await Document.filter(application_id=application_id)
        .annotate(total=Sum("size"), number=Count("id"))
        .values("total", "number")
    )
    return (int(rows[0]["total"] or 0), int(rows[0]["number"] or 0)) if rows else (0, 0)


async def _report_status(application: Application, report_id: int | None) -> ProjectReport | None:
    if report_id is None:
        return None
    report = await ProjectReport.get_or_none(id=report_id, application_id=application.id)
    if report is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such report", ("report",))
    return report


async def _locked(application_id: int, *, lock: bool) -> Application:
    """The application as it is now; locked until the transaction ends (PostgreSQL; SQLite runs one
    transaction at a time anyway)."""
    query = Application.filter(id=application_id)
    return await (query.select_for_update() if lock else query).get()


async def _attach_refusal(attachment: Attachment, limits: Limits, *, lock: bool) -> Problem | None:
    """Why the attachment cannot be made now, by the application's state and what it holds already."""
    application = await _locked(attachment.application_id, lock=lock)
    report = await ProjectReport.get_or_none(id=attachment.report_id) if attachment.report_id else None
    problem = attach_problem(
        status=application.status, report_status=report.status if report else None, kind=attachment.kind
    )
    if problem is not None:
        return problem
    stored, count = await stored_totals(application.id)
    return total_problem(stored=stored, adding=attachment.file.size, limits=limits, count=count)


async def attach_document(
    *,
    actor: User | None,
    attachment: Attachment,
    store: BlobStore,
    limits: Limits,
    now: datetime,
) -> Document:
    """The applicant attaches a file to its application (while editable) or to a report waiting for staff."""
    try:
        application = await require_visible(actor, attachment.application_id)
    except DomainError as error:
        raise DomainError(_at_application(p) for p in error.problems) from None
    uploader = require_role(actor, Role.APPLICANT)
    report = await _report_status(application, attachment.report_id)
    upload = attachment.file
    # Asked before the bytes are judged and stored (a refusal costs nothing), and again in the
    # transaction with the application locked, so that a submission or another upload meanwhile counts.
    if problem := await _attach_refusal(attachment, limits, lock=False):
        raise DomainError([problem])
    content_type = await asyncio.to_thread(_judge, upload.path, upload.filename or "")
    stored_before = await store.has(upload.sha256)
    if not stored_before:
        await store.put(upload.sha256, upload.path, content_type=content_type)
    try:
        async with atomic():
            if problem := await _attach_refusal(attachment, limits, lock=True):
                raise DomainError([problem])
            document = await Document.create(
                application_id=application.id,
                report_id=report.id if report else None,
                kind=attachment.kind,
                filename=display_name(upload.filename, content_type=content_type),
                content_type=content_type,
                size=upload.size,
                sha256=upload.sha256,
                uploaded_by=uploader,
                uploaded_at=now,
            )
            await audit.record(
                actor=uploader,
                action="document.attach",
                entity_type="Document",
                entity_id=document.id,
                changes=_described(document),
            )
    except BaseException:
        if not stored_before and not await Document.filter(sha256=upload.sha256).exists():
            await store.delete(upload.sha256)
        raise
    # A removal of the last other document with these bytes may have deleted the blob meanwhile.
    if not await store.has(upload.sha256):
        await store.put(upload.sha256, upload.path, content_type=content_type)
    return document


async def keep_generated(
    *,
    actor: User | None,
    application_id: int,
    kind: DocumentKind,
    data: bytes,
    filename: str,
    content_type: str,
    store: BlobStore,
    now: datetime,
) -> Document:
    """Keep a document kipnet wrote itself (the decision letter): stored and audited like an upload,
    never removed by hand (see rules.GENERATED_KINDS)."""
    digest = hashlib.sha256(data).hexdigest()
    source = await asyncio.to_thread(_spooled, data)
    try:
        await store.put(digest, source, content_type=content_type)
    finally:
        await asyncio.to_thread(source.unlink, missing_ok=True)
    async with atomic():
        document = await Document.create(
            application_id=application_id,
            kind=kind,
            filename=display_name(filename, content_type=content_type),
            content_type=content_type,
            size=len(data),
            sha256=digest,
            uploaded_by=actor,
            uploaded_at=now,
        )
        await audit.record(
            actor=actor,
            action="document.generate",
            entity_type="Document",
            entity_id=document.id,
            changes=_described(document),
        )
    return document


async def remove_document(*, actor: User | None, document_id: int, store: BlobStore) -> Document:
    """The applicant removes a document while it could attach it; the blob goes with the last reference."""
    document = await find_document(actor, document_id)
    if document is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such document", ("id",))
    remover = require_role(actor, Role.APPLICANT)
    application = await Application.get(id=document.application_id)
    report = await ProjectReport.get_or_none(id=document.report_id) if document.report_id else None
    problem = remove_problem(
        status=application.status, report_status=report.status if report else None, kind=document.kind
    )
    if problem is not None:
        raise DomainError([problem])
    async with atomic():
        # Asked again with the application locked: a submission meanwhile freezes the document.
        current = await _locked(application.id, lock=True)
        if remove_problem(
            status=current.status, report_status=report.status if report else None, kind=document.kind
        ):
            raise DomainError.single(
                ErrorCode.CONFLICT, "The document was changed meanwhile; reload and try again", ("id",)
            )
        if await Document.filter(id=document.id).delete() != 1:
            raise DomainError.single(
                ErrorCode.CONFLICT, "The document was changed meanwhile; reload and try again", ("id",)
            )
        await audit.record(
            actor=remover,
            action="document.remove",
            entity_type="Document",
            entity_id=document.id,
            changes=_described(document),
        )
    if not await Document.filter(sha256=document.sha256).exists():
        await store.delete(document.sha256)
    return document


async def find_document(actor: User | None, document_id: int) -> Document | None:
    """The document if `actor` may see its application (see grants.applications.visible_to), else None."""
    document = await Document.get_or_none(id=document_id)
    if document is None or await find(actor, pk=document.application_id) is None:
        return None
    return document


def _at_application(problem: Problem) -> Problem:
    """A problem with the application's ("id",) placed at the input's `application` field."""
    if problem.field != ("id",):
        return problem
    return Problem(problem.code, problem.template, ("application",), **problem.params)


def _described(document: Document) -> dict[str, object]:
    return {
        "application": document.application_id,
        "report": document.report_id,
        "kind": document.kind.value,
        "filename": document.filename,
        "contentType": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
    }
