from __future__ import annotations

import pytest

from core.domain.accounts.errors import AccountDisabled, InvalidOAuthCode, InvalidOAuthState
from core.domain.errors import ValidationFailed
from core.ports.linkedin import LinkedInIdentity
from core.use_cases.accounts.complete_linkedin_sign_in import CompleteLinkedInSignInCommand
from tests.unit.world import World


def identity(**kwargs: object) -> LinkedInIdentity:
    fields: dict[str, object] = {
        "sub": "li-123",
        "email": "ada@example.com",
        "email_verified": True,
        "given_name": "Ada",
        "family_name": "Lovelace",
        "picture": "https://media.licdn.com/ada.jpg",
        "locale": "fr_FR",
    }
    fields.update(kwargs)
    return LinkedInIdentity(**fields)  # type: ignore[arg-type]


async def start(world: World, code: str, who: LinkedInIdentity) -> str:
    result = await world.start_linkedin()
    assert f"state={result.state}" in result.authorization_url
    world.linkedin.codes[code] = who
    return result.state


async def test_new_member_gets_an_active_candidate_account(world: World) -> None:
    state = await start(world, "code-1", identity())
    result = await world.complete_linkedin(
        CompleteLinkedInSignInCommand(code="code-1", state=state)
    )
    assert result.created
    user = result.user
    assert (user.username, user.email, user.first_name, user.user_type) == (
        "ada",
        "ada@example.com",
        "Ada",
        "candidate",
    )
    assert user.is_active and user.email_verified and user.password_hash is None
    assert world.setup.candidate_profiles == {user.id}
    assert (await world.authenticate(result.tokens.access)).id == user.id
    [mail] = world.emails("account_created_linkedin")
    assert mail.locale == "fr"


async def test_state_is_single_use_and_expires(world: World) -> None:
    state = await start(world, "code-1", identity())
    await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-1", state=state))
    world.linkedin.codes["code-2"] = identity()
    with pytest.raises(InvalidOAuthState):
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-2", state=state))
    late = await start(world, "code-3", identity())
    world.clock.advance(minutes=11)
    with pytest.raises(InvalidOAuthState):
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-3", state=late))
    with pytest.raises(InvalidOAuthState):
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="x", state="forged"))


async def test_existing_account_with_same_verified_email_is_linked(world: World) -> None:
    existing = await world.sign_up("ada_l", "Ada@Example.com")  # not verified yet
    state = await start(world, "code-1", identity())
    result = await world.complete_linkedin(
        CompleteLinkedInSignInCommand(code="code-1", state=state)
    )
    assert not result.created
    assert result.user.id == existing.id
    assert result.user.linkedin_sub == "li-123"
    assert result.user.email_verified and result.user.is_active
    # Next time, the LinkedIn id finds the account even if the e-mail changed there.
    state = await start(world, "code-2", identity(email="new@example.com"))
    again = await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-2", state=state))
    assert again.user.id == existing.id
    assert len(world.users.rows) == 1


async def test_unverified_linkedin_email_is_refused(world: World) -> None:
    state = await start(world, "code-1", identity(email_verified=False))
    with pytest.raises(ValidationFailed) as caught:
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-1", state=state))
    assert "email" in caught.value.errors
    assert world.users.rows == {}


async def test_taken_username_gets_a_free_alternative(world: World) -> None:
    await world.sign_up("ada", "someone.else@example.com")
    state = await start(world, "code-1", identity())
    result = await world.complete_linkedin(
        CompleteLinkedInSignInCommand(code="code-1", state=state)
    )
    assert result.user.username != "ada"
    assert result.user.username.lower().startswith("ada")


async def test_disabled_account_is_refused(world: World) -> None:
    user = await world.active_user("ada_l", "ada@example.com")
    user.set_active(False, world.clock.now())
    await world.users.update(user)
    state = await start(world, "code-1", identity())
    with pytest.raises(AccountDisabled):
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-1", state=state))


async def test_refused_code_is_400_and_spends_the_state(world: World) -> None:
    state = (await world.start_linkedin()).state
    with pytest.raises(InvalidOAuthCode):
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="bad", state=state))
    with pytest.raises(InvalidOAuthState):
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="bad", state=state))


async def test_a_server_that_cannot_send_anyone_to_linkedin_keeps_no_state(world: World) -> None:
    from adapters.oauth.linkedin import UnconfiguredLinkedIn
    from core.domain.accounts.errors import LinkedInNotConfigured
    from core.use_cases.accounts.start_linkedin_sign_in import StartLinkedInSignIn

    start_nowhere = StartLinkedInSignIn(
        world.tx, world.states, UnconfiguredLinkedIn(), world.clock, world.policy
    )
    with pytest.raises(LinkedInNotConfigured):
        await start_nowhere()
    assert world.states.states == {} and world.tx.commits == 0
    result = await world.start_linkedin()
    assert list(world.states.states) == [result.state]
    assert world.states.states[result.state] == world.clock.now() + world.policy.oauth_state_ttl
    assert world.tx.commits == 1
