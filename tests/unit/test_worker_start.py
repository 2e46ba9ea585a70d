"""Which workers warm their matching features when they start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bootstrap.modules.matching import warm_up
from bootstrap.settings import Settings, make_settings
from core.use_cases.matching.warm_up_matching import WarmUpMatching


class FakeWarmUp:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self) -> int:
        self.calls += 1
        return 7


class Scope:
    """Just what the matching module's warm-up asks a container scope for."""

    def __init__(self, settings: Settings, use_case: FakeWarmUp) -> None:
        self._things: dict[type, Any] = {Settings: settings, WarmUpMatching: use_case}

    async def get(self, kind: type) -> Any:
        return self._things[kind]


@pytest.mark.parametrize(
    ("setting", "embedded", "warms"),
    [
        (None, False, True),  # `hireflow worker`: ready before its first task
        (None, True, False),  # inside `hireflow serve`: leave the CPU to the requests
        (True, True, True),
        (False, False, False),
    ],
)
async def test_warm_up_default_depends_on_the_kind_of_worker(
    tmp_path: Path, setting: bool | None, embedded: bool, warms: bool
) -> None:
    use_case = FakeWarmUp()
    settings = make_settings(data_dir=tmp_path, matching_warm_up=setting)
    done = await warm_up(Scope(settings, use_case), embedded)  # type: ignore[arg-type]
    assert use_case.calls == (1 if warms else 0)
    assert (done is not None) is warms
