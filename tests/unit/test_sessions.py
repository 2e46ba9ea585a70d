from __future__ import annotations

import msgspec
import pytest

from core.domain.accounts.errors import (
    AccountDisabled,
    EmailNotVerified,
    InvalidActionToken,
    InvalidCredentials,
    InvalidToken,
)
from core.domain.accounts.user import UserChanges
from core.domain.errors import ValidationFailed
from core.use_cases.accounts.confirm_password_reset import ConfirmPasswordResetCommand
from core.use_cases.accounts.logout import LogoutCommand
from core.use_cases.accounts.refresh_tokens import RefreshTokensCommand
from core.use_cases.accounts.request_password_reset import RequestPasswordResetCommand
from core.use_cases.accounts.update_me import UpdateMeCommand
from core.use_cases.accounts.verify_token import VerifyTokenCommand
from tests.unit.world import STRONG, World


@pytest.mark.parametrize("login", ["john_doe", "JOHN_DOE", "john@example.com", "John@Example.COM"])
async def test_login_by_username_or_email_in_any_case(world: World, login: str) -> None:
    user = await world.active_user()
    pair = await world.log_in(login)
    assert (await world.authenticate(pair.access)).id == user.id


async def test_wrong_password_and_unknown_user_are_the_same_401(world: World) -> None:
    await world.active_user()
    with pytest.raises(InvalidCredentials):
        await world.log_in("john_doe", "Wrong-Password-1")
    with pytest.raises(InvalidCredentials):
        await world.log_in("ghost", STRONG)
    assert world.hasher.burned == 1  # an unknown user costs a hash too: no timing oracle


async def test_unverified_account_gets_401_saying_so(world: World) -> None:
    await world.sign_up()
    with pytest.raises(EmailNotVerified):
        await world.log_in()


async def test_disabled_account_gets_403_and_loses_sessions(world: World) -> None:
    user = await world.active_user()
    pair = await world.log_in()
    user.set_active(False, world.clock.now())
    await world.users.update(user)
    with pytest.raises(AccountDisabled):
        await world.log_in()
    with pytest.raises(InvalidToken):
        await world.authenticate(pair.access)


async def test_refresh_rotates_and_reuse_revokes_the_family(world: World) -> None:
    await world.active_user()
    first = await world.log_in()
    second = await world.refresh(RefreshTokensCommand(refresh=first.refresh))
    assert second.refresh != first.refresh
    third = await world.refresh(RefreshTokensCommand(refresh=second.refresh))
    # The first token shows up again: someone kept a copy. Kill the whole family.
    with pytest.raises(InvalidToken):
        await world.refresh(RefreshTokensCommand(refresh=first.refresh))
    with pytest.raises(InvalidToken):
        await world.refresh(RefreshTokensCommand(refresh=third.refresh))
    # Every access token of that session is refused from now on, not when it expires.
    for pair in (first, second, third):
        with pytest.raises(InvalidToken, match="ended"):
            await world.authenticate(pair.access)
    # Another session of the same user is not affected.
    other = await world.log_in()
    await world.refresh(RefreshTokensCommand(refresh=other.refresh))
    await world.authenticate(other.access)


async def test_token_types_are_not_interchangeable(world: World) -> None:
    await world.active_user()
    pair = await world.log_in()
    with pytest.raises(InvalidToken):
        await world.refresh(RefreshTokensCommand(refresh=pair.access))
    with pytest.raises(InvalidToken):
        await world.authenticate(pair.refresh)


async def test_access_token_expires_after_60_minutes(world: World) -> None:
    await world.active_user()
    pair = await world.log_in()
    world.clock.advance(minutes=59)
    await world.authenticate(pair.access)
    world.clock.advance(minutes=1, seconds=1)
    with pytest.raises(InvalidToken):
        await world.authenticate(pair.access)
    await world.refresh(RefreshTokensCommand(refresh=pair.refresh))
    world.clock.advance(days=7)
    with pytest.raises(InvalidToken):
        await world.verify(VerifyTokenCommand(token=pair.refresh))


async def test_logout_ends_the_session_access_token_included(world: World) -> None:
    await world.active_user()
    pair = await world.log_in()
    elsewhere = await world.log_in()
    assert (await world.verify(VerifyTokenCommand(token=pair.refresh))).token_type == "refresh"
    assert (await world.verify(VerifyTokenCommand(token=pair.access))).token_type == "access"
    await world.logout(LogoutCommand(refresh=pair.refresh))
    with pytest.raises(InvalidToken):
        await world.verify(VerifyTokenCommand(token=pair.refresh))
    with pytest.raises(InvalidToken):
        await world.refresh(RefreshTokensCommand(refresh=pair.refresh))
    with pytest.raises(InvalidToken, match="ended"):
        await world.authenticate(pair.access)
    with pytest.raises(InvalidToken):
        await world.verify(VerifyTokenCommand(token=pair.access))
    await world.authenticate(elsewhere.access)  # the other device stays signed in


async def test_an_access_token_without_a_session_is_refused(world: World) -> None:
    user = await world.active_user()
    issued = world.tokens.issue(user_id=user.require_id(), version=user.token_version)
    # Well signed, unexpired, but its session was never opened (or belongs to someone else).
    with pytest.raises(InvalidToken):
        await world.authenticate(issued.access)
    other = await world.sign_up("jane_doe", "jane@example.com")
    await world.refresh_tokens.open_family(family=issued.family, user_id=other.require_id())
    with pytest.raises(InvalidToken):
        await world.authenticate(issued.access)


async def test_password_reset_for_unknown_email_sends_nothing(world: World) -> None:
    await world.request_reset(RequestPasswordResetCommand(email="ghost@example.com", locale="en"))
    assert world.emails() == []


async def test_password_reset_ends_sessions_and_is_single_use(world: World) -> None:
    await world.active_user()
    pair = await world.log_in()
    await world.request_reset(RequestPasswordResetCommand(email="JOHN@example.com", locale="en"))
    [mail] = world.emails("password_reset")
    assert mail.context["link"].startswith("https://app.example/reset-password?token=")
    token = world.token_in(mail)
    new = "Brand-New-Sunrise-9"
    await world.confirm_reset(
        ConfirmPasswordResetCommand(token=token, password=new, password_confirm=new)
    )
    with pytest.raises(InvalidToken):
        await world.authenticate(pair.access)
    with pytest.raises(InvalidToken):
        await world.refresh(RefreshTokensCommand(refresh=pair.refresh))
    with pytest.raises(InvalidCredentials):
        await world.log_in()
    await world.log_in(password=new)
    with pytest.raises(InvalidActionToken):
        await world.confirm_reset(
            ConfirmPasswordResetCommand(token=token, password=new, password_confirm=new)
        )


async def test_reset_token_expires_after_an_hour(world: World) -> None:
    await world.active_user()
    await world.request_reset(RequestPasswordResetCommand(email="john@example.com", locale="en"))
    token = world.token_in(world.emails("password_reset")[0])
    world.clock.advance(hours=1, seconds=1)
    with pytest.raises(InvalidActionToken):
        await world.confirm_reset(
            ConfirmPasswordResetCommand(
                token=token, password=STRONG + "x", password_confirm=STRONG + "x"
            )
        )


async def test_activation_token_is_not_a_reset_token(world: World) -> None:
    await world.sign_up()
    token = world.token_in(world.emails("activation")[0])
    with pytest.raises(InvalidActionToken):
        await world.confirm_reset(
            ConfirmPasswordResetCommand(token=token, password=STRONG, password_confirm=STRONG)
        )


async def test_update_me_changes_only_editable_fields(world: World) -> None:
    user = await world.active_user()
    updated = await world.update_me(
        UpdateMeCommand(
            user_id=user.id or 0, changes=UserChanges(bio=" Updated bio ", location="Lyon")
        )
    )
    assert (updated.bio, updated.location) == ("Updated bio", "Lyon")
    assert updated.first_name == "John"  # not sent: unchanged
    # Anything else cannot even be said: the patch type has no such field.
    for field in ("user_type", "is_active", "email", "id", "created_at"):
        with pytest.raises(msgspec.ValidationError, match=field):
            msgspec.json.decode(f'{{"{field}": "x"}}'.encode(), type=UserChanges)
    with pytest.raises(ValidationFailed) as caught:
        await world.update_me(
            UpdateMeCommand(user_id=user.id or 0, changes=UserChanges(phone="not a phone"))
        )
    assert "phone" in caught.value.errors
    stored = await world.users.get(user.id or 0)
    assert stored is not None and stored.user_type == "candidate" and stored.is_active


async def test_an_access_token_of_no_session_or_of_a_removed_user_names_why(world: World) -> None:
    user = await world.active_user()
    sessionless = world.tokens.issue(user_id=user.require_id(), version=user.token_version)
    # A token issued without a family (as none of ours are any more) belongs to no session.
    claims = world.tokens.read(sessionless.access, expected="access")
    no_family = msgspec.structs.replace(claims, family=None)
    world.tokens.read = lambda token, expected=None: no_family  # type: ignore[method-assign]
    with pytest.raises(InvalidToken) as caught:
        await world.authenticate(sessionless.access)
    assert str(caught.value) == "This token belongs to no session: refresh it or log in again."
    del world.tokens.read
    pair = await world.log_in()
    world.users.rows.pop(user.require_id())
    with pytest.raises(InvalidToken) as caught:
        await world.authenticate(pair.access)
    assert str(caught.value) == "User not found."


async def test_each_ended_session_says_how_it_ended(world: World) -> None:
    user = await world.active_user()
    pair = await world.log_in()
    await world.logout(LogoutCommand(refresh=pair.refresh))
    with pytest.raises(InvalidToken) as caught:
        await world.authenticate(pair.access)
    assert str(caught.value) == "This session has ended (logged out or revoked): log in again."
    pair = await world.log_in()
    user.token_version += 1
    await world.users.update(user)
    with pytest.raises(InvalidToken) as caught:
        await world.authenticate(pair.access)
    assert str(caught.value) == (
        "This session has ended (password changed or account disabled): log in again."
    )


async def test_an_inactive_user_inside_an_open_session_is_refused(world: World) -> None:
    """A user turned inactive by a write that did not end their sessions (another process, an
    operator in the database) is still refused: disabled (403) when their e-mail was verified,
    inactive (401) when it never was."""
    user = await world.active_user()
    pair = await world.log_in()
    user.is_active = False
    await world.users.update(user)
    with pytest.raises(AccountDisabled):
        await world.authenticate(pair.access)
    user.email_verified = False
    await world.users.update(user)
    with pytest.raises(InvalidToken) as caught:
        await world.authenticate(pair.access)
    assert str(caught.value) == "User is inactive."
