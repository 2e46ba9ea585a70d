"""Which workers warm their matching features when they start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bootstrap.container import start_worker
from bootstrap.settings import Settings


class RecordingTasks:
    def __init__(self) -> None:
        self.kwargs: dict[str, Any] = {}

    def start_worker(self, **kwargs: Any) -> None:
        self.kwargs = kwargs


@pytest.mark.parametrize(
    ("setting", "embedded", "warms"),
    [
        (None, False, True),  # `hireflow worker`: ready before its first task
        (None, True, False),  # inside `hireflow serve`: leave the CPU to the requests
        (True, True, True),
        (False, False, False),
    ],
)
def test_warm_up_default_depends_on_the_kind_of_worker(
    tmp_path: Path, setting: bool | None, embedded: bool, warms: bool
) -> None:
    tasks = RecordingTasks()
    settings = Settings(data_dir=tmp_path, matching_warm_up=setting)
    start_worker(tasks, settings, embedded=embedded)  # type: ignore[arg-type]
    assert tasks.kwargs["warm_up"] is warms
