"""Rules kept as module-level tables or numbers, pinned to what README and the guide say.

mutmut mutates code inside functions only; a limit with a boundary test elsewhere
(test_limits.py) is pinned by that test. These are the values whose effect is not cheap to
observe at its edge in a unit test (200 matches kept per side, a 5 MiB file, a page of 100),
so the value itself is the contract: changing one is a decision, made here too.
"""

from __future__ import annotations

from datetime import timedelta

from core.domain.accounts.user import SELF_REGISTRABLE_TYPES, UserType
from core.domain.applications.application import FINAL, RECRUITER_TRANSITIONS, Status
from core.domain.companies.company import EMPLOYEE_COUNTS
from core.domain.companies.team import INVITATION_TTL
from core.domain.matching import score
from core.domain.matching.policy import DEFAULT_ALERT_THRESHOLD, FLOOR, KEEP_PER_SIDE
from core.domain.notifications.notification import EMAIL_BY_DEFAULT, NotificationType
from core.domain.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from core.domain.profiles.cv import MAX_CV_BYTES
from core.use_cases.accounts.check_username import MAX_SUGGESTIONS


def test_matching_policy() -> None:
    assert KEEP_PER_SIDE == 200
    assert FLOOR == 30.0
    assert DEFAULT_ALERT_THRESHOLD == 70.0


def test_the_scorers_tables() -> None:
    assert score.WEIGHTS == {
        "skills": 0.35,
        "experience": 0.20,
        "technologies": 0.10,
        "description": 0.10,
        "location": 0.10,
        "salary": 0.08,
        "domain": 0.05,
        "contract_type": 0.02,
    }
    assert abs(sum(score.WEIGHTS.values()) - 1.0) < 1e-9
    assert score.LEVEL_YEARS == {
        "intern": 0.0,
        "junior": 1.0,
        "mid": 3.0,
        "senior": 5.0,
        "lead": 8.0,
    }
    assert score.EXPERIENCE_SIGMA == 2.0
    assert score.NEUTRAL == 50.0
    assert score.SAME_REGION == 70.0


def test_pages_cvs_invitations_suggestions() -> None:
    assert (DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) == (20, 100)
    assert MAX_CV_BYTES == 5 * 1024 * 1024
    assert timedelta(days=14) == INVITATION_TTL
    assert MAX_SUGGESTIONS == 3


def test_the_pipeline_table() -> None:
    s = Status
    assert {k: set(v) for k, v in RECRUITER_TRANSITIONS.items()} == {
        s.PENDING: {s.REVIEWED, s.REJECTED},
        s.REVIEWED: {s.SHORTLISTED, s.REJECTED},
        s.SHORTLISTED: {s.INTERVIEW, s.REJECTED},
        s.INTERVIEW: {s.ACCEPTED, s.REJECTED},
        s.ACCEPTED: {s.REJECTED},
    }
    assert {s.REJECTED, s.WITHDRAWN, s.CANCELLED} == FINAL
    assert not FINAL & set(RECRUITER_TRANSITIONS)


def test_choices() -> None:
    assert EMPLOYEE_COUNTS == ("1-10", "11-50", "51-100", "100-500", "500-1000", "1000+")
    assert {UserType.CANDIDATE, UserType.RECRUITER} == SELF_REGISTRABLE_TYPES
    t = NotificationType
    assert {
        t.APPLICATION_STATUS_CHANGED,
        t.INTERVIEW_SCHEDULED,
        t.TEST_ASSIGNED,
        t.NEW_JOB_MATCH,
        t.NEW_APPLICATION,
        t.TEAM_INVITATION,
    } == EMAIL_BY_DEFAULT
