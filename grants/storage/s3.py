"""Blobs in S3-compatible object storage: `s3://bucket/prefix`, keys `prefix/ab/cd/<sha256>`.

The client is boto3 (with botocore and s3transfer), called in a worker thread (`asyncio.to_thread`).
We chose it over aioboto3 because it is AWS's own SDK, released several times a week and used against
every S3-compatible server there is (MinIO, Ceph, Garage, …); its `upload_file` splits big files into a
multipart upload with a checksum on every part; and aioboto3 is a wrapper of a wrapper (aiobotocore pins
an exact botocore), which would tie our pins to a third project's release rhythm. A thread per call costs
nothing next to a network round trip, and boto3's clients are safe to share between threads.

Every upload carries a SHA-256 the server checks before it keeps the object: a file sent in one request
carries the blob's own digest (`x-amz-checksum-sha256`), so bytes that are not what the database names
are refused, and its Content-MD5 (for servers that ignore the newer header); a multipart upload carries
a SHA-256 per part (S3 has no whole-object SHA-256 for those), so a part damaged on the way is refused.
Reads stream in chunks; nothing holds a whole object in memory.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
from boto3.exceptions import S3UploadFailedError
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from grants.errors import ConfigurationError
from grants.storage import CHUNK_BYTES, BlobMissing, S3Access, StorageError, check_digest, s3_location

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

#: Files from this size on go up as a multipart upload, in parts of this size (S3's minimum is 5 MiB).
MULTIPART_BYTES = 16 * 1024 * 1024
# Answers that mean "the credentials are wrong or may not do this", whatever the server calls them.
_REFUSED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken"}
_MISSING = {"404", "NoSuchKey", "NotFound"}
# Answers that mean "the bytes that arrived are not the bytes whose checksum came with them".
_CORRUPT = {"BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch", "XAmzContentChecksumMismatch"}


def error_code(error: ClientError) -> str:
    """The server's error code ('NoSuchKey', '403', …; HEAD answers carry only the status)."""
    return str(error.response.get("Error", {}).get("Code", ""))


class S3Store:
    """Immutable objects named by their SHA-256 in one bucket, under an optional prefix."""

    def __init__(
        self,
        *,
        bucket: str,
        prefix: str,
        client: S3Client,
        endpoint: str = "AWS",
        multipart_bytes: int = MULTIPART_BYTES,
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.client = client
        self.endpoint = endpoint
        self.transfer = TransferConfig(
            multipart_threshold=multipart_bytes, multipart_chunksize=multipart_bytes, max_concurrency=4
        )

    @classmethod
    def from_url(cls, url: str, *, access: S3Access, multipart_bytes: int = MULTIPART_BYTES) -> S3Store:
        """The store an `s3://bucket/prefix` URL names, reached as `access` says."""
        bucket, prefix = s3_location(url)
        client = boto3.session.Session().client(
            "s3",
            endpoint_url=access.endpoint_url,
            region_name=access.region,
            aws_access_key_id=access.access_key_id,
            aws_secret_access_key=access.secret_access_key,
            config=Config(
                # Self-hosted servers (MinIO, Ceph) rarely have a DNS name per bucket: bucket in the path.
                s3={"addressing_style": "path" if access.endpoint_url else "auto"},
                connect_timeout=5,
                read_timeout=60,
                retries={"mode": "standard", "max_attempts": 3},
                max_pool_connections=20,
            ),
        )
        return cls(
            bucket=bucket,
            prefix=prefix,
            client=client,
            endpoint=access.endpoint_url or "AWS",
            multipart_bytes=multipart_bytes,
        )

    def key_of(self, digest: str) -> str:
        """The object key of the blob with this digest (whether or not it exists)."""
        check_digest(digest)
        fanned = f"{digest[:2]}/{digest[2:4]}/{digest}"
        return f"{self.prefix}/{fanned}" if self.prefix else fanned

    async def check(self) -> None:
        """Make sure the bucket exists and the credentials open it; ConfigurationError saying which
        is wrong otherwise (called once at startup, so a wrong setting stops the service, not a user)."""
        try:
            await asyncio.to_thread(self.client.head_bucket, Bucket=self.bucket)
        except ClientError as error:
            if error_code(error) in _MISSING | {"NoSuchBucket"}:
                raise ConfigurationError(
                    f"the S3 bucket {self.bucket!r} does not exist at {self.endpoint} "
                    "(create it, or correct KIPNET_STORAGE_URL / KIPNET_S3_ENDPOINT_URL)"
                ) from None
            raise ConfigurationError(str(self._failure(error, "open"))) from None
        except BotoCoreError as error:
            raise ConfigurationError(str(self._failure(error, "open"))) from None

    async def has(self, digest: str) -> bool:
        """True when the object exists (one HEAD request)."""
        key = self.key_of(digest)
        try:
            await asyncio.to_thread(self.client.head_object, Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error_code(error) in _MISSING:
                return False
            raise self._failure(error, f"look up {key}") from None
        except BotoCoreError as error:
            raise self._failure(error, f"look up {key}") from None
        return True

    async def put(self, digest: str, source: Path, *, content_type: str) -> None:
        """Upload `source` under its digest unless the object is already there (same key, same bytes)."""
        key = self.key_of(digest)
        if await self.has(digest):
            return
        extra: dict[str, Any] = {"ContentType": content_type, "Metadata": {"sha256": digest}}
        size = await asyncio.to_thread(lambda: source.stat().st_size)
        try:
            if size < self.transfer.multipart_threshold:
                await asyncio.to_thread(self._put_whole, key, digest, source, extra)
            else:
                extra["ChecksumAlgorithm"] = "SHA256"
                await asyncio.to_thread(
                    self.client.upload_file,
                    str(source),
                    self.bucket,
                    key,
                    ExtraArgs=extra,
                    Config=self.transfer,
                )
        except S3UploadFailedError as error:
            # boto3 raises this from inside `except ClientError`: the server's answer is its context.
            cause = error.__cause__ or error.__context__
            if isinstance(cause, ClientError | BotoCoreError):
                raise self._failure(cause, f"upload {key}") from None
            raise StorageError(f"S3 could not upload {key}: {error}") from None
        except (ClientError, BotoCoreError) as error:
            raise self._failure(error, f"upload {key}") from None

    def _put_whole(self, key: str, digest: str, source: Path, extra: dict[str, Any]) -> None:
        """One PutObject carrying the blob's SHA-256 (the server refuses other bytes than those the
        database names) and Content-MD5 (checked by servers that ignore the newer SHA-256 header)."""
        with source.open("rb") as body:
            md5 = hashlib.md5(usedforsecurity=False)
            while block := body.read(CHUNK_BYTES):
                md5.update(block)
            body.seek(0)
            self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=body,
                ChecksumSHA256=base64.b64encode(bytes.fromhex(digest)).decode("ascii"),
                ContentMD5=base64.b64encode(md5.digest()).decode("ascii"),
                **extra,
            )

    async def read(self, digest: str) -> AsyncIterator[bytes]:
        """The object's bytes in chunks of at most CHUNK_BYTES; BlobMissing when there is none."""
        key = self.key_of(digest)
        try:
            response = await asyncio.to_thread(self.client.get_object, Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error_code(error) in _MISSING:
                raise BlobMissing(digest) from None
            raise self._failure(error, f"read {key}") from None
        except BotoCoreError as error:
            raise self._failure(error, f"read {key}") from None
        body = response["Body"]
        try:
            while True:
                try:
                    chunk = await asyncio.to_thread(body.read, CHUNK_BYTES)
                except BotoCoreError as error:
                    raise self._failure(error, f"read {key}") from None
                if not chunk:
                    break
                yield chunk
        finally:
            body.close()

    async def delete(self, digest: str) -> None:
        """Delete the object (S3 answers the same whether or not it existed)."""
        key = self.key_of(digest)
        try:
            await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=key)
        except ClientError as error:
            raise self._failure(error, f"delete {key}") from None
        except BotoCoreError as error:
            raise self._failure(error, f"delete {key}") from None

    async def close(self) -> None:
        """Close the client's pooled connections."""
        await asyncio.to_thread(self.client.close)

    def _failure(self, error: ClientError | BotoCoreError, doing: str) -> StorageError:
        """A StorageError that says what went wrong in words an operator can act on."""
        where = f"bucket {self.bucket!r} at {self.endpoint}"
        # "open bucket 'x' at …" for the startup check; "read ab/cd/… in bucket 'x' at …" otherwise.
        action = f"{doing} {where}" if doing == "open" else f"{doing} in {where}"
        if isinstance(error, NoCredentialsError):
            return StorageError(
                f"no S3 credentials to {action}: set KIPNET_S3_ACCESS_KEY_ID and KIPNET_S3_SECRET_ACCESS_KEY"
            )
        if isinstance(error, BotoCoreError):
            return StorageError(f"S3 could not {action}: {error}")
        code = error_code(error)
        if code in _REFUSED:
            return StorageError(
                f"S3 refused the credentials to {action} ({code}): check KIPNET_S3_ACCESS_KEY_ID, "
                "KIPNET_S3_SECRET_ACCESS_KEY and what that key may do"
            )
        if code == "NoSuchBucket":
            return StorageError(f"the S3 bucket {self.bucket!r} does not exist at {self.endpoint}")
        if code in _CORRUPT or (code == "InvalidRequest" and "checksum" in str(error).lower()):
            return StorageError(
                f"S3 refused to {action}: the bytes that arrived do not match their checksum ({code})"
            )
        return StorageError(f"S3 could not {action}: {code or error}")
