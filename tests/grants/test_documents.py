"""Documents against a real database: attach while editable, frozen after submission, visibility,
one blob for identical files and gone with the last document, every change audited."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable
from pathlib import Path

import pytest

from grants.aftercare import decide_report, submit_report
from grants.applications import create_application
from grants.documents import service
from grants.documents.rules import MEGABYTE, Limits
from grants.errors import DomainError, ErrorCode
from grants.models import Application, AuditRecord, Document, DocumentKind, ReportKind, Role, User
from grants.storage.local import LocalStore
from grants.submission import submit_application
from schema.base.uploads import ReceivedFile
from tests import document_samples as samples
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.grants.test_aftercare import approved
from tests.grants.test_races import later

LIMITS = Limits()


def received(tmp_path: Path, data: bytes, filename: str = "Antrag.pdf") -> ReceivedFile:
    path = tmp_path / f"upload-{hashlib.sha256(data + filename.encode()).hexdigest()[:12]}"
    path.write_bytes(data)
    return ReceivedFile(path, len(data), hashlib.sha256(data).hexdigest(), filename, None)


async def draft_of(slug: str) -> tuple[User, Application]:
    funding_call = await factories.call()
    await factories.organisation(slug)
    applicant = await factories.user(Role.APPLICANT, email=f"{slug}@example.org", organisation=slug)
    application = await create_application(actor=applicant, values=application_values(funding_call), now=NOW)
    return applicant, application


async def attach(
    actor: User,
    application: Application,
    file: ReceivedFile,
    *,
    kind: DocumentKind = DocumentKind.PROJECT_DESCRIPTION,
    store: LocalStore,
    limits: Limits = LIMITS,
) -> Document:
    return await service.attach_document(
        actor=actor,
        attachment=service.Attachment(application_id=application.id, report_id=None, kind=kind, file=file),
        store=store,
        limits=limits,
        now=NOW,
    )


async def refused(action: Awaitable[object]) -> list[tuple[ErrorCode, str, tuple[str, ...]]]:
    with pytest.raises(DomainError) as caught:
        await action
    return [(p.code, p.message, p.field) for p in caught.value.problems]


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    return LocalStore(tmp_path / "store")


async def test_an_applicant_attaches_a_pdf_to_its_draft_audited(seeded_db, tmp_path, store):
    applicant, application = await draft_of("verein-a")
    # when
    document = await attach(
        applicant, application, received(tmp_path, samples.PDF, "../Projekt\u00adbeschrieb.pdf"), store=store
    )
    # then
    row = await Document.get(id=document.id)
    sha = hashlib.sha256(samples.PDF).hexdigest()
    assert (row.kind, row.filename, row.content_type, row.size, row.sha256, row.uploaded_by_id) == (
        DocumentKind.PROJECT_DESCRIPTION,
        "Projektbeschrieb.pdf",
        "application/pdf",
        len(samples.PDF),
        sha,
        applicant.id,
    )
    assert store.path_of(sha).read_bytes() == samples.PDF
    audit = await AuditRecord.filter(action="document.attach").values_list("entity_id", "changes")
    assert audit == [
        (
            document.id,
            {
                "application": application.id,
                "report": None,
                "kind": "PROJECT_DESCRIPTION",
                "filename": "Projektbeschrieb.pdf",
                "contentType": "application/pdf",
                "size": len(samples.PDF),
                "sha256": sha,
            },
        )
    ]


async def test_a_renamed_program_changes_nothing(seeded_db, tmp_path, store):
    applicant, application = await draft_of("verein-a")
    audits = await AuditRecord.all().count()
    assert await refused(
        attach(applicant, application, received(tmp_path, samples.EXE, "budget.pdf"), store=store)
    ) == [
        (
            ErrorCode.INVALID,
            "Files of type exe are not accepted; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT",
            ("file",),
        )
    ]
    assert (await Document.all().count(), await AuditRecord.all().count()) == (0, audits)
    assert not await store.has(hashlib.sha256(samples.EXE).hexdigest())


async def test_documents_are_frozen_once_submitted(seeded_db, tmp_path, store):
    applicant, application = await draft_of("verein-a")
    document = await attach(applicant, application, received(tmp_path, samples.PDF), store=store)
    await submit_application(
        actor=applicant, application_id=application.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    audits = await AuditRecord.all().count()
    # when / then
    assert await refused(service.remove_document(actor=applicant, document_id=document.id, store=store)) == [
        (
            ErrorCode.INVALID_TRANSITION,
            "Documents of an application that is SUBMITTED cannot be changed",
            ("id",),
        )
    ]
    assert await refused(
        attach(applicant, application, received(tmp_path, samples.PNG, "x.png"), store=store)
    ) == [
        (
            ErrorCode.INVALID_TRANSITION,
            "Documents of an application that is SUBMITTED cannot be changed",
            ("application",),
        )
    ]
    assert (await Document.all().count(), await AuditRecord.all().count()) == (1, audits)
    assert await store.has(document.sha256)


async def test_a_foreign_applicant_finds_nothing(seeded_db, tmp_path, store):
    applicant, application = await draft_of("verein-a")
    document = await attach(applicant, application, received(tmp_path, samples.PDF), store=store)
    await factories.organisation("verein-b")
    stranger = await factories.user(Role.APPLICANT, email="b@example.org", organisation="verein-b")
    # then: neither found, attached to nor removed
    assert await service.find_document(stranger, document.id) is None
    assert await service.find_document(None, document.id) is None
    assert await refused(
        attach(stranger, application, received(tmp_path, samples.PNG, "x.png"), store=store)
    ) == [(ErrorCode.NOT_FOUND, "No such application", ("application",))]
    assert await refused(service.remove_document(actor=stranger, document_id=document.id, store=store)) == [
        (ErrorCode.NOT_FOUND, "No such document", ("id",))
    ]
    assert await Document.filter(id=document.id).exists()


async def test_staff_see_documents_of_submitted_applications_only(seeded_db, tmp_path, store):
    applicant, application = await draft_of("verein-a")
    document = await attach(applicant, application, received(tmp_path, samples.PDF), store=store)
    reviewer = await factories.user(Role.REVIEWER)
    assert await service.find_document(reviewer, document.id) is None
    await submit_application(
        actor=applicant, application_id=application.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    found = await service.find_document(reviewer, document.id)
    assert found is not None
    assert found.id == document.id


async def test_identical_files_share_one_blob_until_the_last_goes(seeded_db, tmp_path, store):
    applicant, application = await draft_of("verein-a")
    first = await attach(applicant, application, received(tmp_path, samples.PDF, "a.pdf"), store=store)
    second = await attach(
        applicant,
        application,
        received(tmp_path, samples.PDF, "b.pdf"),
        kind=DocumentKind.BUDGET,
        store=store,
    )
    blob = store.path_of(first.sha256)
    assert (first.sha256 == second.sha256, sorted(p.name for p in blob.parent.iterdir())) == (
        True,
        [first.sha256],
    )
    # when the first goes, the blob stays
    await service.remove_document(actor=applicant, document_id=first.id, store=store)
    assert blob.is_file()
    # when the last goes, so does the blob
    await service.remove_document(actor=applicant, document_id=second.id, store=store)
    assert not blob.exists()
    actions = (
        await AuditRecord.filter(entity_type="Document").order_by("id").values_list("action", "entity_id")
    )
    assert actions == [
        ("document.attach", first.id),
        ("document.attach", second.id),
        ("document.remove", first.id),
        ("document.remove", second.id),
    ]


async def test_the_application_total_is_enforced(seeded_db, tmp_path, store):
    applicant, application = await draft_of("verein-a")
    small = Limits(per_file=MEGABYTE, per_application=MEGABYTE + 100)
    text = b"a" * MEGABYTE
    await attach(applicant, application, received(tmp_path, text, "a.txt"), store=store, limits=small)
    assert await refused(
        attach(applicant, application, received(tmp_path, b"b" * 200, "b.txt"), store=store, limits=small)
    ) == [
        (
            ErrorCode.INVALID,
            "The documents of an application may together be at most 1.1 MB; 0 MB are left",
            ("file",),
        )
    ]
    assert await Document.all().count() == 1
    assert not await store.has(hashlib.sha256(b"b" * 200).hexdigest())


async def test_staff_attach_nothing(seeded_db, tmp_path, store):
    applicant, application = await draft_of("verein-a")
    await submit_application(
        actor=applicant, application_id=application.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    reviewer = await factories.user(Role.REVIEWER)
    assert await refused(attach(reviewer, application, received(tmp_path, samples.PDF), store=store)) == [
        (ErrorCode.FORBIDDEN, "You are not allowed to do this", ())
    ]


async def test_receipts_go_to_a_report_while_staff_have_not_decided(seeded_db, tmp_path, store):
    # given: an approved project with an interim report waiting for staff
    who, application = await approved()
    report = await submit_report(
        actor=who["a"],
        application_id=application.id,
        kind=ReportKind.INTERIM,
        narrative="Gut",
        actuals=[],
        now=NOW,
    )
    receipt = service.Attachment(
        application_id=application.id,
        report_id=report.id,
        kind=DocumentKind.REPORT_ATTACHMENT,
        file=received(tmp_path, samples.JPEG, "Quittung.jpg"),
    )
    # when
    document = await service.attach_document(
        actor=who["a"], attachment=receipt, store=store, limits=LIMITS, now=NOW
    )
    # then: attached to the report; once accepted the report's documents are frozen
    assert (document.report_id, document.content_type) == (report.id, "image/jpeg")
    await decide_report(
        actor=who["approver"], report_id=report.id, accept=True, message=None, now=NOW, public_url=PUBLIC_URL
    )
    assert await refused(service.remove_document(actor=who["a"], document_id=document.id, store=store)) == [
        (ErrorCode.INVALID_TRANSITION, "Documents of a report that is ACCEPTED cannot be changed", ("id",))
    ]
    assert await refused(
        service.attach_document(actor=who["a"], attachment=receipt, store=store, limits=LIMITS, now=NOW)
    ) == [
        (
            ErrorCode.INVALID_TRANSITION,
            "Documents of a report that is ACCEPTED cannot be changed",
            ("report",),
        )
    ]


async def test_a_report_of_another_application_is_not_found(seeded_db, tmp_path, store):
    who, application = await approved()
    report = await submit_report(
        actor=who["a"],
        application_id=application.id,
        kind=ReportKind.INTERIM,
        narrative="Gut",
        actuals=[],
        now=NOW,
    )
    other = await create_application(
        actor=who["a"], values=application_values(await factories.call()), now=NOW
    )
    attachment = service.Attachment(
        application_id=other.id,
        report_id=report.id,
        kind=DocumentKind.REPORT_ATTACHMENT,
        file=received(tmp_path, samples.PDF),
    )
    assert await refused(
        service.attach_document(actor=who["a"], attachment=attachment, store=store, limits=LIMITS, now=NOW)
    ) == [(ErrorCode.NOT_FOUND, "No such report", ("report",))]


async def test_a_generated_letter_is_kept_and_cannot_be_removed_by_hand(seeded_db, tmp_path, store):
    who, application = await approved()
    letter = await service.keep_generated(
        actor=who["approver"],
        application_id=application.id,
        kind=DocumentKind.DECISION_LETTER,
        data=samples.PDF,
        filename=f"Verfügung {application.reference}.pdf",
        content_type="application/pdf",
        store=store,
        now=NOW,
    )
    assert (letter.filename, letter.uploaded_by_id) == (
        f"Verfügung {application.reference}.pdf",
        who["approver"].id,
    )
    assert store.path_of(letter.sha256).read_bytes() == samples.PDF
    assert await AuditRecord.filter(action="document.generate", entity_id=letter.id).exists()
    assert await refused(service.remove_document(actor=who["a"], document_id=letter.id, store=store)) == [
        (ErrorCode.INVALID, "kipnet writes the decision letter itself", ("id",))
    ]


async def test_concurrent_uploads_never_pass_the_application_total(seeded_db, tmp_path, store):
    # given: room for one more 600 KB file (1 MB per application), and rounds of two uploads at once
    applicant, application = await draft_of("verein-a")
    small = Limits(per_file=MEGABYTE, per_application=MEGABYTE)
    for round_ in range(6):
        files = [
            received(tmp_path, bytes([65 + round_, 97 + n]) * (300 * 1024), f"{round_}-{n}.txt")
            for n in range(2)
        ]
        # when
        outcomes = await asyncio.gather(
            later(0, attach(applicant, application, files[0], store=store, limits=small)),
            later(round_, attach(applicant, application, files[1], store=store, limits=small)),
        )
        # then: exactly one fits; the other is refused, and its bytes are not kept
        assert sorted(outcomes) == ["INVALID", "OK"]
        kept = [row.sha256 for row in await Document.filter(application_id=application.id)]
        assert await stored_totals_of(application.id) == 600 * 1024
        assert [await store.has(file.sha256) for file in files] == [file.sha256 in kept for file in files]
        await Document.filter(application_id=application.id).delete()
        for digest in kept:
            await store.delete(digest)


async def stored_totals_of(application_id: int) -> int:
    return (await service.stored_totals(application_id))[0]
