"""What only S3 storage does: key layout, checksums sent, multipart, refused credentials, no bucket."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from grants.errors import ConfigurationError
from grants.storage import S3Access, StorageError, check_store, open_store, s3_location
from grants.storage.local import LocalStore
from grants.storage.s3 import S3Store
from tests.mail import free_port
from tests.s3 import S3Server, s3_server

__all__ = ["s3_server"]

DIGEST = hashlib.sha256(b"%PDF-1.7").hexdigest()
MIB = 1024 * 1024


class Requests:
    """The requests a store's client sends, as (operation, headers), recorded just before sending."""

    def __init__(self, store: S3Store) -> None:
        self.sent: list[tuple[str, dict[str, str]]] = []
        store.client.meta.events.register("before-send.s3", self._record)

    def _record(self, request, event_name: str, **_: object) -> None:
        headers = {
            name.lower(): value.decode() if isinstance(value, bytes) else value
            for name, value in request.headers.items()
        }
        self.sent.append((event_name.rsplit(".", 1)[-1], headers))

    @property
    def operations(self) -> list[str]:
        return [operation for operation, _ in self.sent]


@pytest.fixture
async def store(s3_server: S3Server) -> AsyncIterator[S3Store]:
    made = S3Store.from_url(s3_server.storage_url("documents/2026"), access=s3_server.access)
    yield made
    await made.close()


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7")
    return path


def test_an_s3_url_names_bucket_and_prefix():
    assert s3_location("s3://kipnet-documents") == ("kipnet-documents", "")
    assert s3_location("s3://kipnet-documents/") == ("kipnet-documents", "")
    assert s3_location("s3://kipnet-documents/bl/documents/") == ("kipnet-documents", "bl/documents")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("s3:///documents", "KIPNET_STORAGE_URL names no bucket: 's3:///documents' (s3://bucket/prefix)"),
        ("s3://", "KIPNET_STORAGE_URL names no bucket: 's3://' (s3://bucket/prefix)"),
        ("s3://Kipnet_Documents/x", "KIPNET_STORAGE_URL names a bucket S3 does not allow: 'Kipnet_Documents' (3 to 63 lower-case letters, digits, dots and hyphens)"),
        ("s3://ab", "KIPNET_STORAGE_URL names a bucket S3 does not allow: 'ab' (3 to 63 lower-case letters, digits, dots and hyphens)"),
        ("s3://kipnet/a//b", "KIPNET_STORAGE_URL has an empty or dotted prefix segment: 's3://kipnet/a//b'"),
        ("s3://kipnet/a/../b", "KIPNET_STORAGE_URL has an empty or dotted prefix segment: 's3://kipnet/a/../b'"),
        ("s3://kipnet/a?versionId=1", "KIPNET_STORAGE_URL must look like s3://bucket/prefix, got 's3://kipnet/a?versionId=1'"),
        ("s3://user:secret@kipnet/a", "KIPNET_STORAGE_URL must not hold credentials: set KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY instead"),
        ("s3://user:secret@kipnet/a?x=1", "KIPNET_STORAGE_URL must not hold credentials: set KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY instead"),
    ],
)  # fmt: skip
def test_an_s3_url_without_a_usable_bucket_or_prefix_is_refused(url, message):
    with pytest.raises(ConfigurationError) as refused:
        s3_location(url)
    assert str(refused.value) == message


async def test_open_store_gives_an_s3_store_for_an_s3_url():
    access = S3Access(endpoint_url="http://127.0.0.1:9", access_key_id="k", secret_access_key="s")
    store = open_store("s3://kipnet-documents/bl", s3=access)
    assert isinstance(store, S3Store)
    assert (store.bucket, store.prefix, store.endpoint) == ("kipnet-documents", "bl", "http://127.0.0.1:9")
    await store.close()


async def test_keys_fan_out_under_the_prefix(store, pdf):
    # given a store under the prefix documents/2026, when a blob is put
    await store.put(DIGEST, pdf, content_type="application/pdf")
    # then its key is prefix/ab/cd/<digest>, and its SHA-256 is kept with it
    key = f"documents/2026/{DIGEST[:2]}/{DIGEST[2:4]}/{DIGEST}"
    assert store.key_of(DIGEST) == key
    listing = store.client.list_objects_v2(Bucket=store.bucket)
    assert [entry["Key"] for entry in listing["Contents"]] == [key]
    head = store.client.head_object(Bucket=store.bucket, Key=key)
    assert (head["ContentType"], head["Metadata"]) == ("application/pdf", {"sha256": DIGEST})


async def test_without_a_prefix_keys_start_at_the_bucket(s3_server):
    store = S3Store.from_url(s3_server.storage_url(""), access=s3_server.access)
    assert store.key_of(DIGEST) == f"{DIGEST[:2]}/{DIGEST[2:4]}/{DIGEST}"
    await store.close()


async def test_a_small_upload_carries_the_blobs_own_sha256_for_the_server_to_check(store, pdf):
    # given a store watched on the wire, when a small blob is put
    wire = Requests(store)
    await store.put(DIGEST, pdf, content_type="application/pdf")
    # then it looked first, then sent one PutObject carrying the digest as x-amz-checksum-sha256
    # and the MD5 as Content-MD5 (for servers that check only that)
    assert wire.operations == ["HeadObject", "PutObject"]
    headers = wire.sent[1][1]
    assert headers["x-amz-checksum-sha256"] == base64.b64encode(bytes.fromhex(DIGEST)).decode()
    assert headers["content-md5"] == base64.b64encode(hashlib.md5(b"%PDF-1.7").digest()).decode()
    assert headers["content-type"] == "application/pdf"


async def test_a_blob_already_there_is_not_sent_again(store, pdf):
    # given a stored blob, when it is put again
    await store.put(DIGEST, pdf, content_type="application/pdf")
    wire = Requests(store)
    await store.put(DIGEST, pdf, content_type="application/pdf")
    # then only a HEAD was sent
    assert wire.operations == ["HeadObject"]


async def test_a_big_file_goes_up_in_parts_each_with_a_sha256(s3_server, tmp_path):
    # given a store that splits from 5 MiB on, and a 6 MiB file
    store = S3Store.from_url(s3_server.storage_url(), access=s3_server.access, multipart_bytes=5 * MIB)
    content = os.urandom(6 * MIB)
    path = tmp_path / "big.bin"
    path.write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    wire = Requests(store)
    # when it is put
    await store.put(digest, path, content_type="application/octet-stream")
    # then it went up as a multipart upload of two parts, each with its own SHA-256 for the server
    assert wire.operations == [
        "HeadObject",
        "CreateMultipartUpload",
        "UploadPart",
        "UploadPart",
        "CompleteMultipartUpload",
    ]
    assert wire.sent[1][1]["x-amz-checksum-algorithm"] == "SHA256"
    parts = [headers for operation, headers in wire.sent if operation == "UploadPart"]
    assert all(len(base64.b64decode(headers["x-amz-checksum-sha256"])) == 32 for headers in parts)
    # and it reads back whole
    assert b"".join([chunk async for chunk in store.read(digest)]) == content
    await store.close()


async def test_the_bucket_check_passes_for_a_bucket_that_is_there(store):
    await store.check()


async def test_a_bucket_that_does_not_exist_is_reported_by_the_startup_check(s3_server):
    store = S3Store.from_url("s3://kipnet-no-such-bucket/documents", access=s3_server.access)
    with pytest.raises(ConfigurationError) as refused:
        await store.check()
    assert str(refused.value) == (
        f"the S3 bucket 'kipnet-no-such-bucket' does not exist at {s3_server.endpoint_url} "
        "(create it, or correct KIPNET_STORAGE_URL / KIPNET_S3_ENDPOINT_URL)"
    )
    await store.close()


async def test_check_store_runs_the_s3_check_and_passes_a_directory(s3_server, tmp_path):
    # a directory needs nothing before the first put
    await check_store(LocalStore(tmp_path / "not-yet"))
    # an S3 store with a bucket that is there passes, one without is refused
    await check_store(S3Store.from_url(s3_server.storage_url(), access=s3_server.access))
    with pytest.raises(ConfigurationError, match=r"^the S3 bucket 'kipnet-no-such-bucket' does not exist"):
        await check_store(S3Store.from_url("s3://kipnet-no-such-bucket", access=s3_server.access))


async def test_an_upload_into_a_bucket_that_does_not_exist_is_a_storage_error(s3_server, pdf):
    store = S3Store.from_url("s3://kipnet-no-such-bucket/documents", access=s3_server.access)
    with pytest.raises(StorageError) as refused:
        await store.put(DIGEST, pdf, content_type="application/pdf")
    assert (
        str(refused.value)
        == f"the S3 bucket 'kipnet-no-such-bucket' does not exist at {s3_server.endpoint_url}"
    )
    await store.close()


async def test_wrong_credentials_are_named_at_startup_and_in_every_operation(s3_server, pdf):
    # given a bucket with a blob, and a store whose secret is wrong
    url = s3_server.storage_url()
    good = S3Store.from_url(url, access=s3_server.access)
    await good.put(DIGEST, pdf, content_type="application/pdf")
    wrong = S3Store.from_url(url, access=s3_server.with_secret("not-the-secret"))
    where = f"bucket {wrong.bucket!r} at {s3_server.endpoint_url}"
    advice = "check KIPNET_S3_ACCESS_KEY_ID, KIPNET_S3_SECRET_ACCESS_KEY and what that key may do"
    key = wrong.key_of(DIGEST)
    # then the startup check says the credentials were refused
    with pytest.raises(ConfigurationError) as at_startup:
        await wrong.check()
    assert str(at_startup.value) == f"S3 refused the credentials to open {where} (403): {advice}"
    # and so does every operation, as a StorageError
    with pytest.raises(StorageError) as looking:
        await wrong.has(DIGEST)
    assert str(looking.value) == f"S3 refused the credentials to look up {key} in {where} (403): {advice}"
    with pytest.raises(StorageError) as reading:
        _ = [chunk async for chunk in wrong.read(DIGEST)]
    assert str(reading.value) == (
        f"S3 refused the credentials to read {key} in {where} (SignatureDoesNotMatch): {advice}"
    )
    with pytest.raises(StorageError):
        await wrong.delete(DIGEST)
    # and the blob is still there, unchanged
    assert b"".join([chunk async for chunk in good.read(DIGEST)]) == b"%PDF-1.7"
    await good.close()
    await wrong.close()


async def test_a_server_that_does_not_answer_is_named_by_the_startup_check(pdf):
    # given an endpoint where nothing listens
    endpoint = f"http://127.0.0.1:{free_port()}"
    access = S3Access(endpoint_url=endpoint, access_key_id="k", secret_access_key="s")
    store = S3Store.from_url("s3://kipnet-documents", access=access)
    # then the startup check says it cannot be reached, and so does an upload
    with pytest.raises(ConfigurationError) as refused:
        await store.check()
    assert str(refused.value) == (
        f"S3 could not open bucket 'kipnet-documents' at {endpoint}: "
        f'Could not connect to the endpoint URL: "{endpoint}/kipnet-documents"'
    )
    with pytest.raises(StorageError, match=r"^S3 could not look up .* Could not connect to the endpoint URL"):
        await store.put(DIGEST, pdf, content_type="application/pdf")
    await store.close()


@pytest.mark.parametrize("code", ["BadDigest", "XAmzContentSHA256Mismatch", "InvalidDigest"])
async def test_a_checksum_the_server_refused_is_reported_as_corrupted_bytes(code):
    # given the answer S3 (or MinIO) gives when the bytes do not match the checksum sent with them
    # (moto does not check checksums, so the answer is made here)
    store = S3Store.from_url(
        "s3://kipnet-documents",
        access=S3Access(endpoint_url="https://s3.example.ch", access_key_id="k", secret_access_key="s"),
    )
    answer = ClientError({"Error": {"Code": code, "Message": "mismatch"}}, "PutObject")
    # then the error says so
    assert str(store._failure(answer, "upload x")) == (
        f"S3 refused to upload x in bucket 'kipnet-documents' at https://s3.example.ch: "
        f"the bytes that arrived do not match their checksum ({code})"
    )
    await store.close()
