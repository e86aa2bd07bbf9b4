"""The bare app answers exactly what kipnet answered, for exactly the request kipnet was asked."""

from __future__ import annotations

import httpx

from bench.bare import Answer, bare_app, load_answers, save_answers

DIRECTORY = Answer(
    method="POST",
    path="/graphql",
    query="",
    body=b'{"query":"{ a }"}',
    if_none_match="",
    status=200,
    content_type="application/json; charset=utf-8",
    content='{"data":{"a":"Ausländerdienst"}}'.encode(),
)
PAGE = Answer("GET", "/directory", "q=ald", b"", "", 200, "text/html; charset=utf-8", b"<p>ald</p>")
NOT_MODIFIED = Answer("GET", "/graphql", "query=%7B+a+%7D", b"", '"v1"', 304, "", b"", etag='"v1"')


async def ask(method: str, target: str, **options: object) -> httpx.Response:
    transport = httpx.ASGITransport(app=bare_app([DIRECTORY, PAGE, NOT_MODIFIED]))
    async with httpx.AsyncClient(transport=transport, base_url="http://bare") as client:
        return await client.request(method, target, **options)  # type: ignore[arg-type]


async def test_a_recorded_request_gets_the_recorded_bytes_and_content_type():
    # when
    answer = await ask("POST", "/graphql", content=DIRECTORY.body)
    # then
    assert (answer.status_code, answer.headers["content-type"], answer.content) == (
        200,
        "application/json; charset=utf-8",
        DIRECTORY.content,
    )


async def test_a_page_keeps_its_content_type_as_recorded():
    answer = await ask("GET", "/directory?q=ald")
    assert (answer.status_code, answer.headers["content-type"], answer.text) == (
        200,
        "text/html; charset=utf-8",
        "<p>ald</p>",
    )


async def test_a_revalidation_gets_304_with_the_etag():
    answer = await ask("GET", "/graphql?query=%7B+a+%7D", headers={"If-None-Match": '"v1"'})
    assert (answer.status_code, answer.headers["etag"], answer.content) == (304, '"v1"', b"")


async def test_any_other_request_is_404_so_wrk_counts_it_as_an_error():
    assert (await ask("POST", "/graphql", content=b'{"query":"{ b }"}')).status_code == 404
    assert (await ask("GET", "/directory?q=sem")).status_code == 404
    assert (await ask("GET", "/graphql?query=%7B+a+%7D")).status_code == 404


def test_answers_survive_the_file_the_bare_process_reads(tmp_path):
    path = tmp_path / "answers.json"
    save_answers([DIRECTORY, PAGE, NOT_MODIFIED], path)
    assert load_answers(path) == [DIRECTORY, PAGE, NOT_MODIFIED]
