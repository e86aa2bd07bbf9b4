"""A real S3-speaking server (moto) on loopback, with credentials checked, for tests of S3 storage.

`moto_server` runs as a child process (its own interpreter, so it neither shares our GIL nor our event
loop) with IAM authentication on: the first three requests make a user, its access key and a policy
allowing s3:*, and from then on a request signed with any other key is refused, as a real server would.
Use the session fixture in a test module with `from tests.s3 import s3_server` (as tests.mail's smtp):

    async def test_something(s3_server: S3Server) -> None:
        store = S3Store.from_url(s3_server.storage_url(), access=s3_server.access)
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import boto3
import pytest

from grants.storage import S3Access
from tests.mail import free_port

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

_ALLOW_S3 = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
}
# How many requests moto lets through unsigned: create_user, create_access_key, put_user_policy.
_SETUP_REQUESTS = 3


@dataclass(frozen=True)
class S3Server:
    """Where the test S3 server answers and the credentials it accepts."""

    endpoint_url: str
    access: S3Access

    def client(self) -> S3Client:
        """A boto3 S3 client signed with the accepted credentials."""
        return boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.access.region,
            aws_access_key_id=self.access.access_key_id,
            aws_secret_access_key=self.access.secret_access_key,
        )

    def new_bucket(self) -> str:
        """The name of a bucket made just now, empty and used by nobody else."""
        name = f"kipnet-test-{uuid.uuid4().hex[:16]}"
        with _closing(self.client()) as client:
            client.create_bucket(Bucket=name)
        return name

    def storage_url(self, prefix: str = "documents") -> str:
        """A KIPNET_STORAGE_URL naming a new empty bucket (and `prefix` in it, if any)."""
        return f"s3://{self.new_bucket()}/{prefix}".rstrip("/")

    def environ(self, prefix: str = "documents") -> dict[str, str]:
        """KIPNET_STORAGE_URL (naming a new empty bucket) and KIPNET_S3_*, as a kipnet process reads them."""
        assert self.access.access_key_id is not None
        assert self.access.secret_access_key is not None
        return {
            "KIPNET_STORAGE_URL": self.storage_url(prefix),
            "KIPNET_S3_ENDPOINT_URL": self.endpoint_url,
            "KIPNET_S3_REGION": self.access.region,
            "KIPNET_S3_ACCESS_KEY_ID": self.access.access_key_id,
            "KIPNET_S3_SECRET_ACCESS_KEY": self.access.secret_access_key,
        }

    def with_secret(self, secret: str) -> S3Access:
        """The accepted access key with another (wrong) secret."""
        return replace(self.access, secret_access_key=secret)


@contextmanager
def _closing(client: S3Client) -> Iterator[S3Client]:
    try:
        yield client
    finally:
        client.close()


def _wait_for(port: int, process: subprocess.Popen[bytes], *, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server ended at once (exit {process.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            time.sleep(0.1)
        else:
            return
    raise RuntimeError(f"moto_server did not answer on port {port} within {seconds:.0f} s")


@contextmanager
def running_s3_server() -> Iterator[S3Server]:
    """Start moto_server on a free loopback port with authentication on; stop it afterwards."""
    port = free_port()
    environment = {**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": str(_SETUP_REQUESTS)}
    # Credentials of the test process's own environment must not leak into the server or the clients.
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        environment.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, process)
        endpoint = f"http://127.0.0.1:{port}"
        iam = boto3.session.Session().client(
            "iam",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="setup",
            aws_secret_access_key="setup",
        )
        iam.create_user(UserName="kipnet")
        key = iam.create_access_key(UserName="kipnet")["AccessKey"]
        iam.put_user_policy(UserName="kipnet", PolicyName="s3", PolicyDocument=json.dumps(_ALLOW_S3))
        iam.close()
        yield S3Server(
            endpoint_url=endpoint,
            access=S3Access(
                endpoint_url=endpoint,
                region="us-east-1",
                access_key_id=key["AccessKeyId"],
                secret_access_key=key["SecretAccessKey"],
            ),
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """One moto S3 server for the whole test session (each test makes its own bucket)."""
    with running_s3_server() as server:
        yield server
