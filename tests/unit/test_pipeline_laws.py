"""The guide's pipeline as a state machine: no sequence of requests reaches a forbidden state,
and final states stay final."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from core.domain.applications.application import (
    FINAL,
    RECRUITER_TRANSITIONS,
    Application,
    InvalidTransition,
    Status,
)
from core.domain.errors import Conflict

NOW = datetime(2026, 1, 1, tzinfo=UTC)
GUIDE = {
    ("pending", "reviewed"),
    ("reviewed", "shortlisted"),
    ("shortlisted", "interview"),
    ("interview", "accepted"),
    ("pending", "rejected"),
    ("reviewed", "rejected"),
    ("shortlisted", "rejected"),
    ("interview", "rejected"),
    # "Any status → rejected (can always reject)": an accepted offer can be withdrawn.
    ("accepted", "rejected"),
}


class Pipeline(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.application = Application(job_id=1, candidate_id=2, applied_at=NOW, updated_at=NOW)
        self.path: list[str] = ["pending"]

    @rule(wanted=st.sampled_from([s.value for s in Status] + ["hired", ""]))
    def recruiter_moves(self, wanted: str) -> None:
        before = self.application.status
        try:
            self.application.move_to(wanted, NOW)
        except InvalidTransition as refused:
            assert self.application.status == before
            assert set(refused.allowed) == set(RECRUITER_TRANSITIONS.get(before, frozenset()))
            assert (before.value, wanted) not in GUIDE
        else:
            assert (before.value, wanted) in GUIDE
            self.path.append(wanted)

    @rule()
    def candidate_withdraws(self) -> None:
        before = self.application.status
        try:
            self.application.withdraw(NOW)
        except Conflict:
            assert before in FINAL
        else:
            assert before not in FINAL
            self.path.append("withdrawn")

    @invariant()
    def final_states_stay_final(self) -> None:
        finals = [i for i, s in enumerate(self.path) if Status(s) in FINAL]
        if finals:
            assert finals[0] == len(self.path) - 1


TestPipeline = Pipeline.TestCase


def test_refusal_names_the_allowed_next_states() -> None:
    application = Application(job_id=1, candidate_id=2, applied_at=NOW, updated_at=NOW)
    with pytest.raises(InvalidTransition) as refused:
        application.move_to("accepted", NOW)
    assert refused.value.errors == {
        "status": [
            "An application that is pending can move to reviewed or rejected, not to accepted."
        ]
    }
    with pytest.raises(InvalidTransition) as refused:
        application.move_to("hired", NOW)
    assert refused.value.errors["status"][0].startswith('"hired" is not a status (pending, ')


def test_only_rejected_withdrawn_and_cancelled_are_final() -> None:
    assert {"rejected", "withdrawn", "cancelled"} == {s.value for s in FINAL}
    application = Application(job_id=1, candidate_id=2, applied_at=NOW, updated_at=NOW)
    for stage in ("reviewed", "shortlisted", "interview", "accepted"):
        application.move_to(stage, NOW)
    assert not application.is_final
    assert application.move_to("rejected", NOW) is Status.ACCEPTED  # the offer is withdrawn
    with pytest.raises(InvalidTransition, match="final"):
        application.move_to("accepted", NOW)
