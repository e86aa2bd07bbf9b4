"""Documents through the schema, as the portal runs it in-process: attaching a ReceivedFile, listing with
one statement for every application's documents, `node` for documents."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from grants.applications import create_application
from grants.models import Role, User
from grants.storage.local import LocalStore
from schema.base.node import to_global_id
from schema.base.uploads import ReceivedFile
from schema.context import Context
from tests import document_samples as samples
from tests import factories
from tests.factories import application_values
from tests.schema.graphql import SCHEMA, SECRET

ATTACH = """
mutation ($input: AttachDocumentInput!) {
  attachDocument(input: $input) { document { filename contentType } errors { field code } }
}
"""
LIST = """
{ applications(first: 20) { edges { node { reference documents { filename kind } decisionLetter { id } } } } }
"""
NODE = "query ($id: ID!) { node(id: $id) { ... on Document { filename size } } }"


async def run(
    document: str, variables: dict[str, Any], *, actor: User | None, store: LocalStore | None
) -> tuple[dict[str, Any] | None, list[Any]]:
    context = Context(actor=actor, secret=SECRET, store=store)
    result = await SCHEMA.execute(document, variable_values=variables, context_value=context)
    return result.data, list(result.errors or ())


def file_in(tmp_path: Path, data: bytes, name: str) -> ReceivedFile:
    path = tmp_path / name
    path.write_bytes(data)
    return ReceivedFile(path, len(data), hashlib.sha256(data).hexdigest(), name, None)


async def applicant_with(count: int) -> tuple[User, list[int]]:
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    applicant = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    made = [
        await create_application(actor=applicant, values=application_values(funding_call), now=factories.NOW)
        for _ in range(count)
    ]
    return applicant, [application.id for application in made]


async def attach(
    applicant: User, application_id: int, file: ReceivedFile, store: LocalStore | None
) -> tuple[dict[str, Any] | None, list[Any]]:
    variables = {
        "input": {"application": to_global_id("Application", application_id), "kind": "BUDGET", "file": file}
    }
    return await run(ATTACH, variables, actor=applicant, store=store)


async def test_a_received_file_is_attached_in_process(seeded_db, tmp_path):
    applicant, (application_id,) = await applicant_with(1)
    store = LocalStore(tmp_path / "store")
    data, errors = await attach(
        applicant, application_id, file_in(tmp_path, samples.XLSX, "Budget 2026.xlsx"), store
    )
    assert errors == []
    assert data == {
        "attachDocument": {
            "document": {
                "filename": "Budget 2026.xlsx",
                "contentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            },
            "errors": [],
        }
    }


async def test_without_a_store_nothing_is_attached(seeded_db, tmp_path):
    applicant, (application_id,) = await applicant_with(1)
    data, _ = await attach(applicant, application_id, file_in(tmp_path, samples.PDF, "a.pdf"), None)
    assert data == {
        "attachDocument": {"document": None, "errors": [{"field": ["input", "file"], "code": "INVALID"}]}
    }


async def test_every_applications_documents_come_in_one_statement(seeded_db, tmp_path, sql_statements):
    # given: three applications with two documents each
    applicant, ids = await applicant_with(3)
    store = LocalStore(tmp_path / "store")
    for number, application_id in enumerate(ids):
        for kind in ("a", "b"):
            await attach(
                applicant,
                application_id,
                file_in(tmp_path, samples.TEXT + kind.encode() * number, f"{kind}{number}.txt"),
                store,
            )
    # when
    sql_statements.statements.clear()
    data, errors = await run(LIST, {}, actor=applicant, store=store)
    # then: every application lists its own two, oldest first; one statement reads all documents
    assert errors == []
    assert data is not None
    listed = sorted(
        tuple(d["filename"] for d in edge["node"]["documents"]) for edge in data["applications"]["edges"]
    )
    assert listed == [("a0.txt", "b0.txt"), ("a1.txt", "b1.txt"), ("a2.txt", "b2.txt")]
    assert [edge["node"]["decisionLetter"] for edge in data["applications"]["edges"]] == [None, None, None]
    assert len([s for s in sql_statements.statements if '"document"' in s]) == 1, sql_statements.statements


async def test_node_finds_a_document_for_its_applicant_only(seeded_db, tmp_path):
    applicant, (application_id,) = await applicant_with(1)
    store = LocalStore(tmp_path / "store")
    await attach(applicant, application_id, file_in(tmp_path, samples.PDF, "a.pdf"), store)
    await factories.organisation("verein-b")
    stranger = await factories.user(Role.APPLICANT, email="b@example.org", organisation="verein-b")
    document_id = to_global_id("Document", 1)
    own, _ = await run(NODE, {"id": document_id}, actor=applicant, store=store)
    foreign, _ = await run(NODE, {"id": document_id}, actor=stranger, store=store)
    anonymous, _ = await run(NODE, {"id": document_id}, actor=None, store=store)
    assert (own, foreign, anonymous) == (
        {"node": {"filename": "a.pdf", "size": len(samples.PDF)}},
        {"node": None},
        {"node": None},
    )


async def test_the_decision_letter_is_apart_from_the_attached_documents(seeded_db, tmp_path):
    from grants.documents.service import keep_generated
    from grants.models import DocumentKind

    applicant, (application_id,) = await applicant_with(1)
    store = LocalStore(tmp_path / "store")
    await attach(applicant, application_id, file_in(tmp_path, samples.PDF, "Konzept.pdf"), store)
    letter = await keep_generated(
        actor=None,
        application_id=application_id,
        kind=DocumentKind.DECISION_LETTER,
        data=samples.PDF + b"%letter",
        filename="Verfügung.pdf",
        content_type="application/pdf",
        store=store,
        now=factories.NOW,
    )
    data, errors = await run(
        "query ($id: ID!) { node(id: $id) { ... on Application { documents { filename } decisionLetter { id filename } } } }",
        {"id": to_global_id("Application", application_id)},
        actor=applicant,
        store=store,
    )
    assert errors == []
    assert data == {
        "node": {
            "documents": [{"filename": "Konzept.pdf"}],
            "decisionLetter": {"id": to_global_id("Document", letter.id), "filename": "Verfügung.pdf"},
        }
    }
