"""Who may start a conversation with whom (reading and writing in one is for its participants
only: ``Conversation.has``).

* a recruiter, with a candidate who applied to one of their company's jobs or who appears in
  its job matches (the company whose team the recruiter is in now);
* a candidate, with a recruiter of a company they applied to;
* a site admin, with anyone.

Nobody else: recruiters do not open conversations with each other, nor candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.accounts.user import User, UserType


@dataclass(frozen=True, slots=True)
class CompanyTies:
    """What links a candidate to a company."""

    #: The candidate applied to one of the company's jobs (whatever became of it).
    applied: bool = False
    #: The candidate appears in the company's job matches.
    matched: bool = False


NOT_BETWEEN = (
    "Conversations are between a recruiter and a candidate they are connected with "
    "(or started by a site admin)."
)
NO_TEAM = "You are in no company's team: join or start one to message candidates."
RECRUITER_NEEDS = (
    "You can message candidates who applied to your company's jobs or appear in its job matches."
)
THEIR_NO_TEAM = "This recruiter is in no company's team."
CANDIDATE_NEEDS = "You can message recruiters of companies you applied to."


def start_refusal(
    starter: User, other: User, *, company: int | None, ties: CompanyTies | None
) -> str | None:
    """Why ``starter`` may not start a conversation with ``other``, or ``None`` if they may.

    ``company`` is the company whose team the recruiter of the pair is in (``None``: none),
    ``ties`` what links the candidate of the pair to it (``None`` when there is no such pair
    or no company)."""
    if starter.user_type is UserType.ADMIN:
        return None
    pair = (starter.user_type, other.user_type)
    if pair == (UserType.RECRUITER, UserType.CANDIDATE):
        if company is None:
            return NO_TEAM
        if ties is None or not (ties.applied or ties.matched):
            return RECRUITER_NEEDS
        return None
    if pair == (UserType.CANDIDATE, UserType.RECRUITER):
        if company is None:
            return THEIR_NO_TEAM
        if ties is None or not ties.applied:  # a match is the company's view, not the candidate's
            return CANDIDATE_NEEDS
        return None
    return NOT_BETWEEN


def recruiter_and_candidate(one: User, other: User) -> tuple[User, User] | None:
    """The (recruiter, candidate) of the pair, in that order, or ``None``."""
    kinds = {one.user_type: one, other.user_type: other}
    if set(kinds) == {UserType.RECRUITER, UserType.CANDIDATE} and len(kinds) == 2:
        return kinds[UserType.RECRUITER], kinds[UserType.CANDIDATE]
    return None
