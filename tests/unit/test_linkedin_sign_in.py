from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import pytest

from core.domain.accounts.errors import AccountDisabled, InvalidOAuthCode, InvalidOAuthState
from core.domain.errors import Conflict, ValidationFailed
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


async def test_a_new_member_is_stored_with_what_linkedin_said_and_greeted(world: World) -> None:
    state = await start(world, "code-1", identity())
    world.clock.advance(minutes=2)
    result = await world.complete_linkedin(
        CompleteLinkedInSignInCommand(code="code-1", state=state)
    )
    stored = world.users.rows[result.user.require_id()]
    assert stored == result.user
    assert (stored.first_name, stored.last_name) == ("Ada", "Lovelace")
    assert stored.profile_picture == "https://media.licdn.com/ada.jpg"
    assert stored.linkedin_sub == "li-123"
    now = world.clock.now()
    assert stored.created_at == stored.updated_at == stored.last_login == now
    [mail] = world.emails("account_created_linkedin")
    assert (mail.to, mail.locale) == ("ada@example.com", "fr")
    assert mail.context == {"first_name": "Ada", "username": "ada"}


@pytest.mark.parametrize("locale", [None, ""])
async def test_a_member_without_a_locale_is_greeted_in_english(
    world: World, locale: str | None
) -> None:
    state = await start(world, "code-1", identity(locale=locale))
    await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-1", state=state))
    [mail] = world.emails("account_created_linkedin")
    assert mail.locale == "en"


@pytest.mark.parametrize("length", [149, 150, 151])
async def test_names_longer_than_150_characters_are_cut_to_150(world: World, length: int) -> None:
    state = await start(
        world, "code-1", identity(given_name="G" * length, family_name="F" * length)
    )
    result = await world.complete_linkedin(
        CompleteLinkedInSignInCommand(code="code-1", state=state)
    )
    kept = min(length, 150)
    assert (result.user.first_name, result.user.last_name) == ("G" * kept, "F" * kept)


@pytest.mark.parametrize("length", [2047, 2048, 2049])
async def test_a_picture_address_longer_than_2048_characters_is_cut_to_2048(
    world: World, length: int
) -> None:
    picture = "https://media.licdn.com/" + "p" * (length - 24)
    state = await start(world, "code-1", identity(picture=picture))
    result = await world.complete_linkedin(
        CompleteLinkedInSignInCommand(code="code-1", state=state)
    )
    assert result.user.profile_picture == picture[:2048]


async def test_an_address_whose_name_is_no_username_gets_one_made_from_it(world: World) -> None:
    state = await start(world, "code-1", identity(email="jo@example.com"))
    result = await world.complete_linkedin(
        CompleteLinkedInSignInCommand(code="code-1", state=state)
    )
    assert result.user.username == "jouser1"


async def test_linking_an_account_stamps_it_and_says_it_was_not_created(world: World) -> None:
    existing = await world.sign_up("ada_l", "ada@example.com")  # not verified yet
    state = await start(world, "code-1", identity())
    world.clock.advance(minutes=6)
    result = await world.complete_linkedin(
        CompleteLinkedInSignInCommand(code="code-1", state=state)
    )
    assert result.created is False
    stored = world.users.rows[existing.require_id()]
    assert stored == result.user
    assert stored.email_verified and stored.is_active and stored.linkedin_sub == "li-123"
    assert stored.updated_at == stored.last_login == world.clock.now()
    assert world.emails("account_created_linkedin") == []
    # Signing in again through LinkedIn stamps the login only.
    state = await start(world, "code-2", identity())
    world.clock.advance(minutes=6)
    again = await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-2", state=state))
    assert again.created is False
    assert again.user.last_login == world.clock.now()
    assert again.user.updated_at == world.clock.now() - timedelta(minutes=6)


async def test_a_missing_code_is_named_and_still_spends_the_state(world: World) -> None:
    state = (await world.start_linkedin()).state
    commits = world.tx.commits
    with pytest.raises(ValidationFailed) as caught:
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="", state=state))
    assert caught.value.errors == {"code": ["This field is required."]}
    assert world.tx.commits == commits + 1
    assert world.states.states == {}


@pytest.mark.parametrize(
    "who",
    [identity(email=None), identity(email_verified=False), identity(email="ada@")],
    ids=["no e-mail", "unverified", "broken"],
)
async def test_without_a_verified_address_linkedin_sign_in_says_to_use_e_mail(
    world: World, who: LinkedInIdentity
) -> None:
    state = await start(world, "code-1", who)
    with pytest.raises(ValidationFailed) as caught:
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-1", state=state))
    assert caught.value.errors == {
        "email": ["LinkedIn did not share a verified e-mail address; sign up with e-mail instead."]
    }
    assert world.users.rows == {}


async def test_a_state_is_43_random_characters_kept_for_10_minutes(world: World) -> None:
    first = await world.start_linkedin()
    second = await world.start_linkedin()
    assert len(first.state) == len(second.state) == 43  # 32 random bytes, URL-safe
    assert first.state != second.state
    expires = world.clock.now() + timedelta(minutes=10)
    assert world.states.states == {first.state: expires, second.state: expires}
    assert first.authorization_url == f"https://linkedin.test/authorize?state={first.state}"


async def test_when_no_username_can_be_made_free_the_member_is_told_to_sign_up_by_e_mail(
    world: World,
) -> None:
    async def every_name_taken(candidates: Iterable[str]) -> set[str]:
        return {c.casefold() for c in candidates}

    world.users.taken_usernames = every_name_taken  # type: ignore[method-assign]
    state = await start(world, "code-1", identity())
    with pytest.raises(Conflict) as caught:
        await world.complete_linkedin(CompleteLinkedInSignInCommand(code="code-1", state=state))
    assert str(caught.value) == (
        "Every username made from your e-mail address is taken; sign up with e-mail instead."
    )
    assert world.users.rows == {} and world.emails() == []
