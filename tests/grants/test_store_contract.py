"""The BlobStore contract, the same for every store: a local directory and S3 (moto, over HTTP)."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from grants.storage import CHUNK_BYTES, BlobMissing, BlobStore
from grants.storage.local import LocalStore
from grants.storage.s3 import S3Store
from tests.s3 import S3Server, s3_server

__all__ = ["s3_server"]

BIG = 5 * 1024 * 1024 + 123  # several chunks, not a whole number of them
PDF = "application/pdf"
INVALID_DIGESTS = ["../x", "A" * 64, "ab" * 31, "", "g" * 64, "../" + "a" * 61]


@pytest.fixture(params=["local", "s3"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[BlobStore]:
    if request.param == "local":
        made: BlobStore = LocalStore(tmp_path / "blobs")
    else:
        server: S3Server = request.getfixturevalue("s3_server")
        made = S3Store.from_url(server.storage_url(), access=server.access)
    yield made
    await made.close()


def a_file(directory: Path, content: bytes, name: str = "upload") -> tuple[str, Path]:
    path = directory / name
    path.write_bytes(content)
    return hashlib.sha256(content).hexdigest(), path


async def read_all(store: BlobStore, digest: str) -> tuple[bytes, list[int]]:
    chunks = [chunk async for chunk in store.read(digest)]
    return b"".join(chunks), [len(chunk) for chunk in chunks]


def stored_names(store: BlobStore) -> list[str]:
    """Every file or object the store holds (temporary files included), by its name in the store."""
    if isinstance(store, LocalStore):
        return sorted(str(p.relative_to(store.root)) for p in store.root.rglob("*") if p.is_file())
    assert isinstance(store, S3Store)
    listing = store.client.list_objects_v2(Bucket=store.bucket)
    return [entry["Key"] for entry in listing.get("Contents", [])]


def name_of(store: BlobStore, digest: str) -> str:
    if isinstance(store, LocalStore):
        return str(store.path_of(digest).relative_to(store.root))
    assert isinstance(store, S3Store)
    return store.key_of(digest)


async def content_type_of(store: BlobStore, digest: str) -> str | None:
    """What the store keeps as the content type (only S3 keeps one; a directory keeps bytes only)."""
    if isinstance(store, S3Store):
        head = store.client.head_object(Bucket=store.bucket, Key=store.key_of(digest))
        return head["ContentType"]
    return None


async def test_bytes_larger_than_a_chunk_go_in_and_come_out_unchanged_in_chunks(store, tmp_path):
    # given 5 MB of random bytes in a file
    content = os.urandom(BIG)
    digest, path = a_file(tmp_path, content)
    assert not await store.has(digest)
    # when they are put
    await store.put(digest, path, content_type=PDF)
    # then the store has them and hands them back unchanged, in chunks no larger than CHUNK_BYTES
    assert await store.has(digest)
    back, sizes = await read_all(store, digest)
    assert hashlib.sha256(back).hexdigest() == digest
    assert back == content
    assert len(sizes) > 1
    assert max(sizes) <= CHUNK_BYTES


async def test_putting_the_same_bytes_twice_keeps_one_blob(store, tmp_path):
    # given a blob already stored
    digest, path = a_file(tmp_path, b"%PDF-1.7 one page")
    await store.put(digest, path, content_type=PDF)
    # when the same bytes are put again (from another file)
    _, again = a_file(tmp_path, b"%PDF-1.7 one page", name="again")
    await store.put(digest, again, content_type=PDF)
    # then there is still exactly one object, with those bytes
    assert stored_names(store) == [name_of(store, digest)]
    assert await read_all(store, digest) == (b"%PDF-1.7 one page", [17])


async def test_reading_a_missing_blob_raises_blob_missing_at_the_first_chunk(store):
    # given a digest nothing was stored under
    digest = hashlib.sha256(b"never stored").hexdigest()
    # when it is read, then BlobMissing names it
    with pytest.raises(BlobMissing) as missing:
        await read_all(store, digest)
    assert missing.value.args == (digest,)
    assert not await store.has(digest)


async def test_delete_forgets_the_blob_and_deleting_again_is_harmless(store, tmp_path):
    # given a stored blob
    digest, path = a_file(tmp_path, b"to be deleted")
    await store.put(digest, path, content_type="text/plain")
    # when it is deleted, twice
    await store.delete(digest)
    await store.delete(digest)
    # then it is gone
    assert not await store.has(digest)
    with pytest.raises(BlobMissing):
        await read_all(store, digest)


@pytest.mark.parametrize("digest", INVALID_DIGESTS)
async def test_a_digest_that_is_no_lower_case_sha256_is_refused_before_any_io(store, tmp_path, digest):
    # given a file and a name that is not a SHA-256 (a path, upper case, too short, empty, not hex)
    _, path = a_file(tmp_path, b"x")
    requests: list[str] = []
    if isinstance(store, S3Store):
        store.client.meta.events.register("before-send", lambda request, **_: requests.append(request.url))
    # then every operation refuses it with the same message, before touching the store
    message = f"not a SHA-256 digest: {digest[:80]!r}"
    for attempt in (
        store.has(digest),
        store.put(digest, path, content_type=PDF),
        read_all(store, digest),
        store.delete(digest),
    ):
        with pytest.raises(ValueError, match=r"^not a SHA-256 digest: ") as refused:
            await attempt
        assert str(refused.value) == message
    # and nothing was asked of the store, nor written anywhere
    assert requests == []
    if isinstance(store, LocalStore):
        assert not store.root.exists()
    assert stored_names(store) == []


async def test_the_content_type_is_kept_where_the_store_can_keep_one(store, tmp_path):
    # given a blob put as a PDF
    digest, path = a_file(tmp_path, b"%PDF-1.7")
    await store.put(digest, path, content_type=PDF)
    # then S3 serves it as a PDF (a directory keeps bytes only: the database has the type)
    expected = PDF if isinstance(store, S3Store) else None
    assert await content_type_of(store, digest) == expected


async def test_puts_of_the_same_bytes_at_the_same_time_leave_one_intact_blob(store, tmp_path):
    # given three uploads of the same bytes arriving together
    content = os.urandom(300_000)
    digest, path = a_file(tmp_path, content)
    # when they are put at once
    await asyncio.gather(*(store.put(digest, path, content_type=PDF) for _ in range(3)))
    # then one blob (and no temporary file) holds the bytes
    assert stored_names(store) == [name_of(store, digest)]
    assert (await read_all(store, digest))[0] == content


async def test_a_reader_that_stops_early_lets_go_and_the_blob_stays(store, tmp_path):
    # given a blob of three chunks
    content = os.urandom(3 * CHUNK_BYTES)
    digest, path = a_file(tmp_path, content)
    await store.put(digest, path, content_type=PDF)
    # when a reader takes one chunk and stops (a client that went away)
    reader = store.read(digest)
    first = await anext(reader)
    await reader.aclose()
    # then it had the first bytes, and the blob is whole for the next reader
    assert first == content[: len(first)]
    assert (await read_all(store, digest))[0] == content
