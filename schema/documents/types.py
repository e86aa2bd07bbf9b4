"""The Document type: what a file is, and where to GET its bytes."""

from __future__ import annotations

from datetime import datetime

import strawberry

from grants.models import Document as DocumentRow
from grants.models import DocumentKind
from schema.base.node import Node, to_global_id

strawberry.enum(DocumentKind, name="DocumentKind")


def download_path(document_id: strawberry.ID) -> str:
    """The download's path on kipnet's address."""
    return f"/documents/{document_id}"


@strawberry.type(description="A file of an application or of one of its reports.")
class Document(Node):
    kind: DocumentKind = strawberry.field(description="What the document is for.")
    filename: str = strawberry.field(description="Its name, made safe to show and to save.")
    content_type: str = strawberry.field(
        description="The type judged from the content, e.g. application/pdf."
    )
    size: int = strawberry.field(description="Its size in bytes.")
    sha256: str = strawberry.field(description="The SHA-256 of its bytes, lower-case hex.")
    uploaded_at: datetime = strawberry.field(description="When it was attached.")
    row: strawberry.Private[DocumentRow]

    @strawberry.field(
        description="GET it with the same credentials as the API (bearer token) or the portal session: "
        "an absolute URL on kipnet's public address, as the links in mails are."
    )
    def download_url(self, info: strawberry.Info) -> str:
        public_url: str = info.context.public_url
        return public_url + download_path(self.id)

    @classmethod
    def from_row(cls, row: DocumentRow) -> Document:
        """The GraphQL view of a document the viewer may see."""
        return cls(
            id=to_global_id("Document", row.id),
            kind=row.kind,
            filename=row.filename,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
            uploaded_at=row.uploaded_at,
            row=row,
        )
