from __future__ import annotations

from datetime import timedelta, timezone
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.tables.applications import interviews
from core.domain.applications.interview import Interview, InterviewStatus
from core.ports.interviews import InterviewRepository


def _values(interview: Interview) -> dict[str, Any]:
    offset = interview.starts_at.utcoffset() or timedelta(0)
    return {
        "application_id": interview.application_id,
        "starts_at": interview.starts_at,
        "utc_offset_minutes": int(offset.total_seconds() // 60),
        "duration_minutes": interview.duration_minutes,
        "location": interview.location,
        "video_link": interview.video_link,
        "interviewers": interview.interviewers,
        "status": interview.status.value,
        "sequence": interview.sequence,
        "created_by": interview.created_by,
        "created_at": interview.created_at,
        "updated_at": interview.updated_at,
    }


def _interview(row: Row[Any]) -> Interview:
    d = row._mapping
    zone = timezone(timedelta(minutes=d["utc_offset_minutes"]))
    return Interview(
        id=d["id"],
        application_id=d["application_id"],
        starts_at=d["starts_at"].astimezone(zone),
        duration_minutes=d["duration_minutes"],
        location=d["location"],
        video_link=d["video_link"],
        interviewers=d["interviewers"],
        status=InterviewStatus(d["status"]),
        sequence=d["sequence"],
        created_by=d["created_by"],
        created_at=d["created_at"],
        updated_at=d["updated_at"],
    )


class SqlInterviews(InterviewRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, interview: Interview) -> Interview:
        result = await self._session.execute(
            interviews.insert().values(**_values(interview)).returning(interviews.c.id)
        )
        interview.id = int(result.scalar_one())
        return interview

    async def get(self, interview_id: int) -> Interview | None:
        row = (
            await self._session.execute(select(interviews).where(interviews.c.id == interview_id))
        ).first()
        return None if row is None else _interview(row)

    async def update(self, interview: Interview) -> None:
        await self._session.execute(
            update(interviews).where(interviews.c.id == interview.id).values(**_values(interview))
        )

    async def for_application(self, application_id: int) -> list[Interview]:
        rows = await self._session.execute(
            select(interviews)
            .where(interviews.c.application_id == application_id)
            .order_by(interviews.c.starts_at, interviews.c.id)
        )
        return [_interview(r) for r in rows]
