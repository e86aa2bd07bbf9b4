"""attachDocument and removeDocument: thin adapters to grants.documents.service."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from grants.documents import service
from grants.errors import DomainError, ErrorCode
from grants.models import DocumentKind
from schema.applications.inputs import application_pk
from schema.base.errors import ERRORS, UserError, user_errors
from schema.base.node import pk_of
from schema.base.uploads import ReceivedFile
from schema.documents.types import Document


@strawberry.input(description="A file to attach to an application, or to one of its reports.")
class AttachDocumentInput:
    application: strawberry.ID = strawberry.field(description="The application's global ID.")
    report: strawberry.ID | None = strawberry.field(
        default=None, description="A report of the application, for receipts and report attachments."
    )
    kind: DocumentKind = strawberry.field(description="What the document is for.")
    file: Upload = strawberry.field(
        description="The file, as a part of the multipart request; its type is judged from its bytes."
    )


@strawberry.input(description="Which document to remove.")
class RemoveDocumentInput:
    id: strawberry.ID = strawberry.field(description="The document's global ID.")


@strawberry.type(description="The result of attaching or removing a document.")
class DocumentPayload:
    document: Document | None = strawberry.field(
        description="The document attached or removed; null if refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


NewDocument = Annotated[
    AttachDocumentInput, strawberry.argument(description="Where to attach the file, as what, and the file.")
]
GoneDocument = Annotated[RemoveDocumentInput, strawberry.argument(description="The document to remove.")]
NO_STORAGE = DomainError.single(ErrorCode.INVALID, "Documents cannot be stored here", ("file",))


def _refused(error: DomainError) -> DocumentPayload:
    return DocumentPayload(document=None, errors=user_errors(error))


@strawberry.type
class DocumentMutation:
    @strawberry.mutation(
        description="Applicant: attach a file to your organisation's application while you may edit it, "
        "or to its report while staff have not decided on it. PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV "
        "and UTF-8 text are accepted, judged from the bytes; size limits apply per file and per application."
    )
    async def attach_document(self, info: strawberry.Info, input: NewDocument) -> DocumentPayload:
        ctx = info.context
        report_id = None
        if input.report is not None:
            report_id = pk_of(input.report, "ProjectReport") or 0
        file: object = input.file  # the Upload scalar hands over a ReceivedFile (schema/base/scalars.py)
        if ctx.store is None or not isinstance(file, ReceivedFile):
            return _refused(NO_STORAGE)
        try:
            row = await service.attach_document(
                actor=ctx.actor,
                attachment=service.Attachment(
                    application_id=application_pk(input.application),
                    report_id=report_id,
                    kind=input.kind,
                    file=file,
                ),
                store=ctx.store,
                limits=ctx.document_limits,
                now=ctx.now(),
            )
        except DomainError as error:
            return _refused(error)
        return DocumentPayload(document=Document.from_row(row), errors=[])

    @strawberry.mutation(
        description="Applicant: remove a document while it could still be attached (frozen once submitted)."
    )
    async def remove_document(self, info: strawberry.Info, input: GoneDocument) -> DocumentPayload:
        ctx = info.context
        if ctx.store is None:
            return _refused(NO_STORAGE)
        try:
            row = await service.remove_document(
                actor=ctx.actor, document_id=pk_of(input.id, "Document") or 0, store=ctx.store
            )
        except DomainError as error:
            return _refused(error)
        return DocumentPayload(document=Document.from_row(row), errors=[])
