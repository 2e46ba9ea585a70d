from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import msgspec
import pytest

from core.domain.accounts.errors import (
    AccountDisabled,
    EmailNotVerified,
    InvalidActionToken,
    InvalidCredentials,
    InvalidToken,
)
from core.domain.accounts.passwords import MISMATCH, TOO_LONG, too_similar
from core.domain.accounts.user import User, UserChanges
from core.domain.errors import ValidationFailed
from core.use_cases.accounts.confirm_email import ConfirmEmailCommand
from core.use_cases.accounts.confirm_password_reset import ConfirmPasswordResetCommand
from core.use_cases.accounts.logout import LogoutCommand
from core.use_cases.accounts.obtain_tokens import ObtainTokens, ObtainTokensCommand
from core.use_cases.accounts.refresh_tokens import RefreshTokensCommand
from core.use_cases.accounts.request_password_reset import RequestPasswordResetCommand
from core.use_cases.accounts.update_me import UpdateMeCommand
from core.use_cases.accounts.verify_token import VerifyTokenCommand
from tests.fakes.accounts import FakePasswordHasher
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


# --- what a login, a refresh and a logout record ----------------------------------------------


async def test_a_login_stamps_the_user_and_records_its_session(world: World) -> None:
    user = await world.active_user()
    world.clock.advance(minutes=3)
    commits = world.tx.commits
    pair = await world.log_in()
    assert world.users.rows[user.require_id()].last_login == world.clock.now()
    claims = world.tokens.read(pair.refresh, expected="refresh")
    assert world.refresh_tokens.families == {claims.family: [user.id, False]}
    assert world.refresh_tokens.rows == {
        claims.jti: [claims.family, user.id, world.clock.now() + timedelta(days=7), False, False]
    }
    assert world.tx.commits == commits + 1


@pytest.mark.parametrize(("length", "refused"), [(127, False), (128, False), (129, True)])
async def test_a_login_password_over_128_characters_is_refused_before_any_hash(
    world: World, length: int, refused: bool
) -> None:
    await world.active_user()
    password = "p" * length
    if refused:
        with pytest.raises(ValidationFailed) as caught:
            await world.log_in(password=password)
        assert caught.value.errors == {"password": [TOO_LONG]}
    else:
        with pytest.raises(InvalidCredentials):
            await world.log_in(password=password)
    assert world.hasher.burned_passwords == []


@pytest.mark.parametrize("login", ["", "   ", "ghost"])
async def test_a_blank_or_unknown_login_costs_a_hash_of_the_password_given(
    world: World, login: str
) -> None:
    await world.active_user()
    with pytest.raises(InvalidCredentials) as caught:
        await world.log_in(login, "Some-Password-1")
    assert str(caught.value) == "No active account found with the given credentials."
    assert world.hasher.burned_passwords == ["Some-Password-1"]


class UpgradingHasher(FakePasswordHasher):
    """Hashes the new way (``v2$``) and still reads hashes made the old way (``fake$``)."""

    async def hash(self, password: str) -> str:
        return f"v2${password}"

    async def verify(self, password_hash: str, password: str) -> bool:
        return password_hash in (f"fake${password}", f"v2${password}")

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith("v2$")


def upgrading_login(world: World) -> ObtainTokens:
    return ObtainTokens(
        world.tx, world.users, UpgradingHasher(), world.tokens, world.refresh_tokens, world.clock
    )


async def test_a_login_with_a_password_hashed_the_old_way_stores_it_the_new_way(
    world: World,
) -> None:
    user = await world.active_user()
    login = upgrading_login(world)
    await login(ObtainTokensCommand(login="john_doe", password=STRONG))
    assert world.users.rows[user.require_id()].password_hash == f"v2${STRONG}"
    await login(ObtainTokensCommand(login="john_doe", password=STRONG))
    assert world.users.rows[user.require_id()].password_hash == f"v2${STRONG}"


async def test_a_reused_refresh_token_ends_its_session_then(world: World) -> None:
    await world.active_user()
    first = await world.log_in()
    elsewhere = await world.log_in()
    await world.refresh(RefreshTokensCommand(refresh=first.refresh))
    world.clock.advance(minutes=5)
    commits = world.tx.commits
    with pytest.raises(InvalidToken) as caught:
        await world.refresh(RefreshTokensCommand(refresh=first.refresh))
    assert str(caught.value) == "Token is blacklisted: it was already used or revoked."
    family = world.tokens.read(first.refresh).family
    assert world.refresh_tokens.ended_at == {family: world.clock.now()}
    assert world.tx.commits == commits + 1  # the revocation is kept although the call fails
    await world.authenticate(elsewhere.access)


async def remove_user(world: World, user: User) -> None:
    world.users.rows.pop(user.require_id())


async def deactivate_user(world: World, user: User) -> None:
    user.is_active = False  # by a write that ended no session (another process)
    await world.users.update(user)


async def end_sessions_of_user(world: World, user: User) -> None:
    user.token_version += 1
    await world.users.update(user)


@pytest.mark.parametrize("change", [remove_user, deactivate_user, end_sessions_of_user])
async def test_a_refresh_for_a_user_gone_inactive_or_signed_out_ends_the_session(
    world: World, change: Callable[[World, User], Awaitable[None]]
) -> None:
    user = await world.active_user()
    pair = await world.log_in()
    await change(world, user)
    world.clock.advance(minutes=5)
    commits = world.tx.commits
    with pytest.raises(InvalidToken) as caught:
        await world.refresh(RefreshTokensCommand(refresh=pair.refresh))
    assert str(caught.value) == "User not found, inactive or session ended."
    family = world.tokens.read(pair.refresh).family
    assert world.refresh_tokens.ended_at == {family: world.clock.now()}
    assert world.tx.commits == commits + 1


async def test_a_logout_ends_the_session_at_its_time_and_takes_only_a_refresh_token(
    world: World,
) -> None:
    await world.active_user()
    pair = await world.log_in()
    with pytest.raises(InvalidToken):
        await world.logout(LogoutCommand(refresh=pair.access))
    assert world.refresh_tokens.ended_at == {}
    await world.authenticate(pair.access)
    world.clock.advance(minutes=2)
    await world.logout(LogoutCommand(refresh=pair.refresh))
    family = world.tokens.read(pair.refresh).family
    assert world.refresh_tokens.ended_at == {family: world.clock.now()}


async def test_verifying_a_rotated_refresh_token_says_it_was_used(world: World) -> None:
    await world.active_user()
    first = await world.log_in()
    second = await world.refresh(RefreshTokensCommand(refresh=first.refresh))
    # The session is still open (second works): only the used token is refused.
    assert (await world.verify(VerifyTokenCommand(token=second.refresh))).token_type == "refresh"
    with pytest.raises(InvalidToken) as caught:
        await world.verify(VerifyTokenCommand(token=first.refresh))
    assert str(caught.value) == "Token is blacklisted: it was already used or revoked."


async def test_verifying_names_why_a_session_no_longer_counts(world: World) -> None:
    user = await world.active_user()
    pair = await world.log_in()
    user.is_active = False
    await world.users.update(user)
    with pytest.raises(InvalidToken) as caught:
        await world.verify(VerifyTokenCommand(token=pair.access))
    assert str(caught.value) == "User is inactive."
    await world.logout(LogoutCommand(refresh=pair.refresh))
    with pytest.raises(InvalidToken) as caught:
        await world.verify(VerifyTokenCommand(token=pair.access))
    assert str(caught.value) == "This session has ended (logged out or revoked): log in again."


# --- password resets --------------------------------------------------------------------------


async def test_a_reset_for_a_broken_address_names_the_field(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.request_reset(RequestPasswordResetCommand(email="john@", locale="en"))
    assert caught.value.errors == {"email": ["Enter a valid email address."]}
    assert world.emails() == []


async def test_the_reset_email_greets_the_user_and_gives_the_links_lifetime(
    world: World,
) -> None:
    await world.active_user()
    await world.request_reset(RequestPasswordResetCommand(email="john@example.com", locale="fr"))
    [mail] = world.emails("password_reset")
    assert (mail.to, mail.locale) == ("john@example.com", "fr")
    token = world.token_in(mail)
    assert mail.context == {
        "first_name": "John",
        "username": "john_doe",
        "link": f"https://app.example/reset-password?token={token}",
        "minutes": "60",
    }


async def test_a_pending_account_gets_a_reset_link_a_disabled_one_does_not(
    world: World,
) -> None:
    await world.sign_up()  # not activated yet
    user = await world.active_user("jane_doe", "jane@example.com")
    user.set_active(False, world.clock.now())
    await world.users.update(user)
    for email in ("john@example.com", "jane@example.com"):
        await world.request_reset(RequestPasswordResetCommand(email=email, locale="en"))
    assert [m.to for m in world.emails("password_reset")] == ["john@example.com"]


async def reset_token(world: World, email: str = "john@example.com") -> str:
    await world.request_reset(RequestPasswordResetCommand(email=email, locale="en"))
    return world.token_in(world.emails("password_reset")[-1])


async def test_a_reset_with_two_different_passwords_names_the_confirmation(
    world: World,
) -> None:
    user = await world.active_user()
    token = await reset_token(world)
    with pytest.raises(ValidationFailed) as caught:
        await world.confirm_reset(
            ConfirmPasswordResetCommand(
                token=token, password="Brand-New-Sunrise-9", password_confirm="Brand-New-Sunrise-8"
            )
        )
    assert caught.value.errors == {"password_confirm": [MISMATCH]}
    assert world.users.rows[user.require_id()].password_hash == f"fake${STRONG}"


@pytest.mark.parametrize(
    ("password", "attribute"),
    [
        ("Kangaroojumper1", "username"),
        ("Platypus-77", "email address"),
        ("Wombat-123", "first name"),
        ("Echidna-12", "last name"),
    ],
)
async def test_a_new_password_may_not_look_like_who_the_user_is(
    world: World, password: str, attribute: str
) -> None:
    await world.sign_up(
        "kangaroo_jumper", "platypus@example.com", first_name="Wombat", last_name="Echidna"
    )
    token = await reset_token(world, "platypus@example.com")
    with pytest.raises(ValidationFailed) as caught:
        await world.confirm_reset(
            ConfirmPasswordResetCommand(token=token, password=password, password_confirm=password)
        )
    assert caught.value.errors == {"password": [too_similar(attribute)]}
    assert world.users.rows[1].password_hash == f"fake${STRONG}"


async def test_a_reset_activates_a_pending_account_and_ends_its_sessions_then(
    world: World,
) -> None:
    user = await world.sign_up()
    world.refresh_tokens.families["earlier"] = [user.id, False]
    token = await reset_token(world)
    world.clock.advance(minutes=7)
    new = "Brand-New-Sunrise-9"
    await world.confirm_reset(
        ConfirmPasswordResetCommand(token=token, password=new, password_confirm=new)
    )
    stored = world.users.rows[user.require_id()]
    assert stored.email_verified and stored.is_active  # the link reached the mailbox
    assert stored.password_hash == f"fake${new}"
    assert stored.updated_at == world.clock.now()
    assert world.refresh_tokens.ended_at == {"earlier": world.clock.now()}
    await world.log_in(password=new)


async def test_a_reset_link_of_a_removed_account_is_invalid(world: World) -> None:
    user = await world.active_user()
    token = await reset_token(world)
    world.users.rows.pop(user.require_id())
    with pytest.raises(InvalidActionToken) as caught:
        await world.confirm_reset(
            ConfirmPasswordResetCommand(token=token, password=STRONG, password_confirm=STRONG)
        )
    assert caught.value.errors == {"token": ["Invalid or expired password reset token."]}


async def confirm_reset(world: World, token: str, password: str = "Brand-New-Sunrise-9") -> None:
    await world.confirm_reset(
        ConfirmPasswordResetCommand(token=token, password=password, password_confirm=password)
    )


async def test_a_reset_link_is_void_once_the_account_was_disabled_even_if_enabled_again(
    world: World,
) -> None:
    user = await world.active_user()
    token = await reset_token(world)
    user.set_active(False, world.clock.now())
    user.set_active(True, world.clock.now())
    await world.users.update(user)
    with pytest.raises(InvalidActionToken):
        await confirm_reset(world, token)


async def test_a_reset_link_asked_for_before_activation_is_void_after_it(world: World) -> None:
    await world.sign_up()
    token = await reset_token(world)
    activation = world.token_in(world.emails("activation")[0])
    await world.confirm_email(ConfirmEmailCommand(token=activation))
    with pytest.raises(InvalidActionToken):
        await confirm_reset(world, token)


async def test_a_reset_link_is_void_once_the_stored_password_changed(world: World) -> None:
    """Even by a rehash at login, which ends no session: the link is bound to the hash."""
    await world.active_user()
    token = await reset_token(world)
    await upgrading_login(world)(ObtainTokensCommand(login="john_doe", password=STRONG))
    with pytest.raises(InvalidActionToken):
        await confirm_reset(world, token)


async def test_an_account_without_a_password_sets_one_through_a_reset_link(world: World) -> None:
    user = await world.active_user()
    user.password_hash = None  # as a LinkedIn sign-up has none
    await world.users.update(user)
    token = await reset_token(world)
    await confirm_reset(world, token, "Brand-New-Sunrise-9")
    await world.log_in(password="Brand-New-Sunrise-9")


async def test_update_me_stamps_the_change_and_stores_it(world: World) -> None:
    user = await world.active_user()
    world.clock.advance(minutes=4)
    commits = world.tx.commits
    updated = await world.update_me(
        UpdateMeCommand(user_id=user.require_id(), changes=UserChanges(location="Lyon"))
    )
    assert updated.updated_at == world.clock.now()
    assert world.users.rows[user.require_id()] == updated
    assert world.tx.commits == commits + 1
    same = await world.update_me(UpdateMeCommand(user_id=user.require_id(), changes=UserChanges()))
    assert same == updated and world.tx.commits == commits + 1


async def test_a_refresh_with_an_access_token_is_refused_and_ends_no_session(world: World) -> None:
    await world.active_user()
    pair = await world.log_in()
    with pytest.raises(InvalidToken):
        await world.refresh(RefreshTokensCommand(refresh=pair.access))
    assert world.refresh_tokens.ended_at == {}
    await world.authenticate(pair.access)
    await world.refresh(RefreshTokensCommand(refresh=pair.refresh))


async def test_a_reset_stamps_a_verified_account_with_its_time(world: World) -> None:
    user = await world.active_user()
    token = await reset_token(world)
    world.clock.advance(minutes=7)
    await confirm_reset(world, token)
    stored = world.users.rows[user.require_id()]
    assert stored.updated_at == world.clock.now()
    assert stored.password_hash == "fake$Brand-New-Sunrise-9"
