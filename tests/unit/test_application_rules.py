"""An application's own rules, word for word: what a refused withdrawal and a raced move say."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.domain.applications.application import FINAL, Application, MovedMeanwhile, Status
from core.domain.errors import Conflict

APPLIED = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("status", sorted(FINAL))
def test_a_final_application_cannot_be_withdrawn_and_says_what_it_is(status: Status) -> None:
    done = Application(
        job_id=1, candidate_id=2, status=status, applied_at=APPLIED, updated_at=APPLIED
    )
    with pytest.raises(Conflict) as refused:
        done.withdraw(datetime(2026, 1, 2, tzinfo=UTC))
    assert str(refused.value) == f"This application is already {status.value}."
    assert (done.status, done.updated_at) == (status, APPLIED)


@pytest.mark.parametrize("read", [Status.PENDING, Status.INTERVIEW])
def test_a_raced_move_names_the_status_it_was_read_in(read: Status) -> None:
    raced = MovedMeanwhile(read)
    assert str(raced) == (
        "This application was moved by someone else at the same time (it is no longer"
        f" {read.value}): reload it and try again."
    )
    assert (raced.code, isinstance(raced, Conflict)) == ("moved_meanwhile", True)
