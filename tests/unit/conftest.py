from __future__ import annotations

import os

import pytest
from hypothesis import Phase, settings

from tests.unit.hiring import Cast, Hiring
from tests.unit.world import World

# scripts/mutate runs the unit tests once per mutant, and most of those runs fail: a failing
# property spends most of its time shrinking the example, which a mutant's verdict does not
# need. Under mutation testing (scripts/mutate sets the variable) properties stop at the first
# failing example and the database of past failures is not written.
settings.register_profile(
    "mutation", phases=[Phase.explicit, Phase.reuse, Phase.generate], database=None
)
if os.environ.get("HIREFLOW_HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HIREFLOW_HYPOTHESIS_PROFILE"])


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
