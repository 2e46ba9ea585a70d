from __future__ import annotations

from dishka import Provider, Scope, provide

from adapters.storage.local import LocalFileStorage
from bootstrap.settings import Settings
from core.ports.file_storage import FileStorage


class StorageProvider(Provider):
    """Where files (CVs) are kept: ``HIREFLOW_FILE_STORAGE``."""

    @provide(scope=Scope.APP)
    def storage(self, settings: Settings) -> FileStorage:
        if settings.files.storage == "s3":
            from adapters.storage.s3 import S3FileStorage

            s3 = settings.s3
            return S3FileStorage(
                bucket=s3.bucket,
                endpoint_url=s3.endpoint_url,
                region=s3.region,
                access_key_id=s3.access_key_id,
                secret_access_key=s3.secret_access_key,
                prefix=s3.prefix,
                virtual_hosted_style=s3.virtual_hosted_style,
                timeout_seconds=s3.timeout_seconds,
            )
        return LocalFileStorage(settings.data_dir / "files")
