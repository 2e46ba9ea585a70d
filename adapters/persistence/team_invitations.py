from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.companies import full_name
from adapters.persistence.integrity import violated_constraint
from adapters.persistence.tables.accounts import users
from adapters.persistence.tables.companies import companies, team_invitations
from core.domain.companies.team import AlreadyInvited, InvitationStatus, TeamInvitation
from core.domain.companies.views import CompanyBadge, InvitationView
from core.domain.jobs.views import RecruiterRef
from core.ports.team_invitations import TeamInvitationRepository

_FIELDS = (
    "company_id",
    "user_id",
    "invited_by",
    "role",
    "created_at",
    "expires_at",
    "responded_at",
)

_invitee = users.alias("invitee")
_inviter = users.alias("inviter")


def _invitation(row: Row[Any]) -> TeamInvitation:
    d = row._mapping
    return TeamInvitation(
        id=d["id"], status=InvitationStatus(d["status"]), **{f: d[f] for f in _FIELDS}
    )


def _ref(d: Any, prefix: str) -> RecruiterRef:
    username = d[f"{prefix}_username"]
    return RecruiterRef(
        id=d[f"{prefix}_id"],
        username=username,
        full_name=full_name(d[f"{prefix}_first_name"], d[f"{prefix}_last_name"], username),
    )


class SqlTeamInvitations(TeamInvitationRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, invitation: TeamInvitation) -> TeamInvitation:
        try:
            async with self._session.begin_nested():
                result = await self._session.execute(
                    team_invitations.insert()
                    .values(
                        status=invitation.status.value,
                        **{f: getattr(invitation, f) for f in _FIELDS},
                    )
                    .returning(team_invitations.c.id)
                )
        except IntegrityError as exc:
            text = violated_constraint(exc)
            if "uq_team_invitations_pending" in text or "team_invitations.company_id" in text:
                raise AlreadyInvited() from exc
            raise
        invitation.id = int(result.scalar_one())
        return invitation

    async def get(self, invitation_id: int) -> TeamInvitation | None:
        row = (
            await self._session.execute(
                select(team_invitations).where(team_invitations.c.id == invitation_id)
            )
        ).first()
        return None if row is None else _invitation(row)

    async def update(self, invitation: TeamInvitation) -> None:
        await self._session.execute(
            update(team_invitations)
            .where(team_invitations.c.id == invitation.id)
            .values(
                status=invitation.status.value,
                role=invitation.role,
                responded_at=invitation.responded_at,
            )
        )

    async def pending(self, company_id: int, user_id: int) -> TeamInvitation | None:
        row = (
            await self._session.execute(
                select(team_invitations).where(
                    team_invitations.c.company_id == company_id,
                    team_invitations.c.user_id == user_id,
                    team_invitations.c.status == InvitationStatus.PENDING.value,
                )
            )
        ).first()
        return None if row is None else _invitation(row)

    def _views(self) -> Any:
        return (
            select(
                team_invitations,
                companies.c.name.label("company_name"),
                companies.c.logo.label("company_logo"),
                *(
                    column.label(f"{alias.name}_{column.key}")
                    for alias in (_invitee, _inviter)
                    for column in (
                        alias.c.id,
                        alias.c.username,
                        alias.c.first_name,
                        alias.c.last_name,
                    )
                ),
            )
            .join(companies, companies.c.id == team_invitations.c.company_id)
            .join(_invitee, _invitee.c.id == team_invitations.c.user_id)
            .join(_inviter, _inviter.c.id == team_invitations.c.invited_by)
        )

    @staticmethod
    def _view(row: Row[Any], now: datetime) -> InvitationView:
        d = row._mapping
        invitation = _invitation(row)
        return InvitationView(
            id=d["id"],
            company=CompanyBadge(
                id=d["company_id"], name=d["company_name"], logo=d["company_logo"]
            ),
            user=_ref(d, "invitee"),
            invited_by=_ref(d, "inviter"),
            role=d["role"],
            status=invitation.status_at(now).value,
            created_at=d["created_at"],
            expires_at=d["expires_at"],
            responded_at=d["responded_at"],
        )

    async def view(self, invitation_id: int, now: datetime) -> InvitationView | None:
        row = (
            await self._session.execute(self._views().where(team_invitations.c.id == invitation_id))
        ).first()
        return None if row is None else self._view(row, now)

    async def _open(self, criterion: Any, now: datetime) -> list[InvitationView]:
        rows = await self._session.execute(
            self._views()
            .where(
                criterion,
                team_invitations.c.status == InvitationStatus.PENDING.value,
                team_invitations.c.expires_at > now,
            )
            .order_by(team_invitations.c.created_at.desc(), team_invitations.c.id.desc())
            .limit(200)
        )
        return [self._view(row, now) for row in rows]

    async def open_for_user(self, user_id: int, now: datetime) -> list[InvitationView]:
        return await self._open(team_invitations.c.user_id == user_id, now)

    async def open_for_company(self, company_id: int, now: datetime) -> list[InvitationView]:
        return await self._open(team_invitations.c.company_id == company_id, now)
