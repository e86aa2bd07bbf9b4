"""The local store and storage URLs: atomic writes, fan-out, digests, and which URLs name what."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from grants.errors import ConfigurationError
from grants.storage import check_digest, local_directory, open_store
from grants.storage.local import LocalStore

DIGEST = hashlib.sha256(b"%PDF-1.7").hexdigest()


def leftovers(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_a_blob_lives_two_levels_of_fan_out_deep(tmp_path):
    store = LocalStore(tmp_path)
    assert store.path_of(DIGEST) == tmp_path / DIGEST[:2] / DIGEST[2:4] / DIGEST


async def test_put_writes_the_file_under_its_fanned_out_name_and_nothing_else(tmp_path):
    # given a file
    source = tmp_path / "upload.pdf"
    source.write_bytes(b"%PDF-1.7")
    store = LocalStore(tmp_path / "blobs")
    # when it is put
    await store.put(DIGEST, source, content_type="application/pdf")
    # then exactly one file exists, at the fanned-out path, with the bytes
    assert leftovers(store.root) == [store.path_of(DIGEST)]
    assert store.path_of(DIGEST).read_bytes() == b"%PDF-1.7"


async def test_a_copy_that_fails_halfway_leaves_neither_blob_nor_temporary_file(tmp_path, monkeypatch):
    # given a copy that writes some bytes and then fails (a full disk, say)
    def failing_copy(source, target, length=0):
        target.write(source.read(3))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", failing_copy)
    source = tmp_path / "upload.pdf"
    source.write_bytes(b"%PDF-1.7")
    store = LocalStore(tmp_path / "blobs")
    # when it is put, then the failure comes through
    with pytest.raises(OSError, match="No space left on device"):
        await store.put(DIGEST, source, content_type="application/pdf")
    # and no blob and no .incoming- file is left behind
    assert leftovers(store.root) == []
    assert not await store.has(DIGEST)


async def test_a_missing_source_leaves_no_temporary_file(tmp_path):
    store = LocalStore(tmp_path / "blobs")
    with pytest.raises(FileNotFoundError):
        await store.put(DIGEST, tmp_path / "gone.pdf", content_type="application/pdf")
    assert leftovers(store.root) == []


async def test_a_blob_already_there_is_not_written_again(tmp_path):
    # given a stored blob
    source = tmp_path / "upload.pdf"
    source.write_bytes(b"%PDF-1.7")
    store = LocalStore(tmp_path / "blobs")
    await store.put(DIGEST, source, content_type="application/pdf")
    written = store.path_of(DIGEST).stat().st_mtime_ns
    # when it is put again from a source that is gone, then nothing is read or written
    await store.put(DIGEST, tmp_path / "gone.pdf", content_type="application/pdf")
    assert store.path_of(DIGEST).stat().st_mtime_ns == written


@pytest.mark.parametrize(
    "digest",
    ["../" + "a" * 61, "A" * 64, "a" * 63, "a" * 65, "", "z" * 64, "a" * 64 + "\n", "/" + "a" * 63],
)
def test_only_a_lower_case_hex_sha256_is_a_digest(digest):
    with pytest.raises(ValueError, match=r"^not a SHA-256 digest: ") as refused:
        check_digest(digest)
    assert str(refused.value) == f"not a SHA-256 digest: {digest[:80]!r}"
    with pytest.raises(ValueError, match=r"^not a SHA-256 digest: "):
        LocalStore(Path("/nowhere")).path_of(digest)


def test_a_digest_of_more_than_80_characters_is_quoted_shortened():
    with pytest.raises(ValueError, match=r"^not a SHA-256 digest: ") as refused:
        check_digest("x" * 500)
    assert str(refused.value) == f"not a SHA-256 digest: {'x' * 80!r}"


def test_a_valid_digest_is_returned_as_it_is():
    assert check_digest(DIGEST) == DIGEST


@pytest.mark.parametrize(
    ("url", "directory"),
    [
        ("file:///var/lib/kipnet/documents", Path("/var/lib/kipnet/documents")),
        ("file:///var/lib/kipnet/documents/", Path("/var/lib/kipnet/documents")),
        ("file://localhost/var/lib/kipnet/documents", Path("/var/lib/kipnet/documents")),
        ("file:documents", Path("documents")),
        ("file:data/documents", Path("data/documents")),
        ("file:///srv/kipnet%20documents", Path("/srv/kipnet documents")),
    ],
)
def test_a_file_url_names_an_absolute_or_relative_directory(url, directory):
    assert local_directory(url) == directory


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file://fileserver/share/documents", "KIPNET_STORAGE_URL must look like file:///var/lib/kipnet/documents, got 'file://fileserver/share/documents'"),
        ("file:///var/lib/kipnet?mode=ro", "KIPNET_STORAGE_URL must look like file:///var/lib/kipnet/documents, got 'file:///var/lib/kipnet?mode=ro'"),
        ("file:///var/lib/kipnet#top", "KIPNET_STORAGE_URL must look like file:///var/lib/kipnet/documents, got 'file:///var/lib/kipnet#top'"),
        ("/var/lib/kipnet", "KIPNET_STORAGE_URL must look like file:///var/lib/kipnet/documents, got '/var/lib/kipnet'"),
        ("file://", "KIPNET_STORAGE_URL names no directory: 'file://'"),
        ("file://localhost", "KIPNET_STORAGE_URL names no directory: 'file://localhost'"),
    ],
)  # fmt: skip
def test_a_file_url_of_another_machine_or_with_extras_is_refused(url, message):
    with pytest.raises(ConfigurationError) as refused:
        local_directory(url)
    assert str(refused.value) == message


def test_open_store_gives_a_local_store_for_a_file_url(tmp_path):
    store = open_store(tmp_path.as_uri())
    assert isinstance(store, LocalStore)
    assert store.root == tmp_path


@pytest.mark.parametrize("url", ["/var/lib/kipnet", "https://s3.example.ch/bucket", "ftp://files/x", ""])
def test_open_store_refuses_what_is_neither_file_nor_s3(url):
    with pytest.raises(ConfigurationError) as refused:
        open_store(url)
    assert str(refused.value) == f"KIPNET_STORAGE_URL must start with file:// or s3://, got {url!r}"


def test_open_store_refuses_an_s3_url_without_a_bucket():
    with pytest.raises(ConfigurationError) as refused:
        open_store("s3:///documents")
    assert str(refused.value) == "KIPNET_STORAGE_URL names no bucket: 's3:///documents' (s3://bucket/prefix)"
