from __future__ import annotations

from dishka import Provider, Scope, provide

from adapters.storage.local import LocalFileStorage
from bootstrap.settings import Settings
from core.ports.file_storage import FileStorage


class StorageProvider(Provider):
    """Where files (CVs) are kept."""

    @provide(scope=Scope.APP)
    def storage(self, settings: Settings) -> FileStorage:
        return LocalFileStorage(settings.data_dir / "files")
