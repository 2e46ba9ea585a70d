from __future__ import annotations

import pytest

from tests.unit.hiring import Cast, Hiring
from tests.unit.world import World


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def h() -> Hiring:
    return Hiring()


@pytest.fixture
async def cast(h: Hiring) -> Cast:
    """Everyone a rule speaks of (see ``Cast``), and Bob's job."""
    return await h.cast()
