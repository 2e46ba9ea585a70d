from __future__ import annotations

from typing import Protocol


class JobPostingQuota(Protocol):
    """The seam where a subscription plan limits postings: raises ``PaymentRequired`` (402)
    when the company may not post one more active job."""

    async def check(self, company_id: int) -> None: ...
