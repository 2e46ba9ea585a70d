"""Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, R2, ...), shared by every
host: a CV written by one ``hireflow serve`` is read by any other.

The client is obstore (Rust's ``object_store`` crate, the one Apache Arrow and Delta Lake
use): a single wheel with no Python dependencies, streaming reads, its own retries and
timeouts, request signing (SigV4) and credentials from the settings or, when they are empty,
from the standard AWS sources (environment, profile, instance or container role).

Its calls run in worker threads through obstore's blocking API. Its asyncio API aborted the
interpreter at exit in about one run in seven here (obstore 0.12, a race between its Tokio
runtime and interpreter shutdown), which would turn a clean stop of the server into a crash;
the blocking API did not in a hundred runs, and a thread per call costs nothing next to a
network round trip.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import timedelta
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

import obstore
from obstore.store import S3Store

from core.ports.file_storage import FileStorage, FileStorageUnavailable, StoredFile

if TYPE_CHECKING:
    from obstore import GetResult

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Streamed files are read in chunks of at least this size.
CHUNK_BYTES = 256 * 1024


def _check_key(key: str) -> str:
    pure = PurePosixPath(key)
    if not key or pure.is_absolute() or ".." in pure.parts or key != pure.as_posix():
        raise ValueError(f"invalid storage key {key!r}")
    return key


class S3FileStorage(FileStorage):
    def __init__(
        self,
        *,
        bucket: str,
        endpoint_url: str = "",
        region: str = "us-east-1",
        access_key_id: str = "",
        secret_access_key: str = "",
        prefix: str = "",
        virtual_hosted_style: bool = False,
        timeout_seconds: float = 10.0,
    ) -> None:
        config: dict[str, Any] = {"region": region}
        if endpoint_url:
            config["endpoint"] = endpoint_url.rstrip("/")
        if access_key_id or secret_access_key:
            config["access_key_id"] = access_key_id
            config["secret_access_key"] = secret_access_key
        # Path-style (``endpoint/bucket/key``) is what MinIO and most self-hosted stores
        # answer; AWS answers both.
        config["virtual_hosted_style_request"] = virtual_hosted_style
        self._bucket = bucket
        self._store = S3Store(
            bucket,
            prefix=prefix.strip("/") or None,
            config=config,  # type: ignore[arg-type]
            client_options={
                "allow_http": endpoint_url.startswith("http://"),
                "connect_timeout": timedelta(seconds=min(timeout_seconds, 5.0)),
                "timeout": timedelta(seconds=timeout_seconds),
            },
            retry_config={
                "max_retries": 2,
                "retry_timeout": timedelta(seconds=timeout_seconds),
                "backoff": {
                    "init_backoff": timedelta(milliseconds=100),
                    "max_backoff": timedelta(seconds=1),
                    "base": 2,
                },
            },
        )
        #: Never shown in a log line or an error.
        self._secrets = tuple(s for s in (secret_access_key, access_key_id) if s)

    async def _call(self, operation: str, key: str, call: Callable[[], T]) -> T:
        """Run ``call`` in a thread. No such object: ``FileNotFoundError``; anything else
        (no such bucket included: a misconfiguration is not a missing file) is
        ``FileStorageUnavailable``."""
        try:
            return await asyncio.to_thread(call)
        except FileNotFoundError as exc:
            if operation != "put" and "NoSuchBucket" not in str(exc):
                raise FileNotFoundError(key) from None
            raise self._unavailable(operation, key, exc) from None
        except Exception as exc:
            raise self._unavailable(operation, key, exc) from None

    def _unavailable(self, operation: str, key: str, exc: Exception) -> FileStorageUnavailable:
        detail = (str(exc).splitlines() or [""])[0][:300]
        for secret in self._secrets:
            detail = detail.replace(secret, "[redacted]")
        log.warning(
            "S3 %s of %s in bucket %s failed: %s: %s",
            operation,
            key,
            self._bucket,
            type(exc).__name__,
            detail,
        )
        return FileStorageUnavailable(f"The file store did not answer ({operation} failed).")

    async def save(self, key: str, data: bytes, content_type: str) -> None:
        _check_key(key)
        await self._call(
            "put",
            key,
            lambda: obstore.put(self._store, key, data, attributes={"Content-Type": content_type}),
        )

    async def read(self, key: str) -> bytes | None:
        _check_key(key)
        try:
            return await self._call(
                "get", key, lambda: bytes(obstore.get(self._store, key).bytes())
            )
        except FileNotFoundError:
            return None

    async def open(self, key: str) -> StoredFile | None:
        _check_key(key)
        try:
            result: GetResult = await self._call("get", key, lambda: obstore.get(self._store, key))
        except FileNotFoundError:
            return None
        content_type = str(result.attributes.get("Content-Type") or "application/octet-stream")
        return StoredFile(
            size=int(result.meta["size"]),
            content_type=content_type,
            chunks=self._chunks(key, iter(result.stream(min_chunk_size=CHUNK_BYTES))),
        )

    async def _chunks(self, key: str, stream: Iterator[Any]) -> AsyncIterator[bytes]:
        while True:
            try:
                chunk = await asyncio.to_thread(next, stream, None)
            except Exception as exc:  # the connection broke mid-file
                raise self._unavailable("read", key, exc) from None
            if chunk is None:
                return
            yield bytes(chunk)

    async def delete(self, key: str) -> None:
        _check_key(key)
        try:
            await self._call("delete", key, lambda: obstore.delete(self._store, key))
        except FileNotFoundError:
            return
