from __future__ import annotations

from core.domain.messages import Message


class JobPosted(Message, frozen=True, kw_only=True, tag="job_posted"):
    job_id: int


class JobUpdated(Message, frozen=True, kw_only=True, tag="job_updated"):
    """What the job says changed (or it was reopened): what it matches may have too."""

    job_id: int


class JobTestDefined(Message, frozen=True, kw_only=True, tag="job_test_defined"):
    job_id: int
