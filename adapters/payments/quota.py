from __future__ import annotations

from core.ports.job_quota import JobPostingQuota


class NoPlanLimits(JobPostingQuota):
    """Until plans exist (billing module), every company may post: nothing to refuse."""

    async def check(self, company_id: int) -> None:
        return None
