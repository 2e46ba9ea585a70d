"""Hypothesis laws of the accounts domain."""

from __future__ import annotations

import asyncio
import random
import string
from datetime import timedelta

import jwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.security.action_tokens import SignedActionTokens
from adapters.security.jwt_tokens import ALGORITHM, CLAIMS, JwtTokenIssuer, derive_key
from core.domain.accounts.errors import InvalidToken
from core.domain.accounts.identifiers import is_valid_username, username_key
from core.domain.accounts.passwords import (
    ALL_DIGITS,
    MAX_LENGTH,
    MIN_LENGTH,
    TOO_COMMON,
    TOO_SHORT,
    common_passwords,
    password_problems,
)
from core.use_cases.accounts.check_username import CheckUsername, CheckUsernameCommand
from tests.fakes.platform import FakeClock
from tests.unit.world import World

usernames = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{2,29}", fullmatch=True)
keys = st.text(string.ascii_letters + string.digits, min_size=16, max_size=40)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    wanted=usernames,
    taken=st.lists(usernames, max_size=30),
    seed=st.integers(0, 2**32 - 1),
)
def test_suggested_usernames_are_valid_and_free(wanted: str, taken: list[str], seed: int) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        world = World()
        for index, name in enumerate({username_key(n): n for n in [wanted, *taken]}.values()):
            await world.sign_up(name, f"user{index}@example.com")
        users = world.users
        check = CheckUsername(users, clock, random.Random(seed))
        result = await check(CheckUsernameCommand(username=wanted))
        assert result.available is False
        assert 1 <= len(result.suggestions) <= 3
        assert len({username_key(s) for s in result.suggestions}) == len(result.suggestions)
        existing = await users.taken_usernames(username_key(s) for s in result.suggestions)
        assert existing == set()
        assert all(is_valid_username(s) for s in result.suggestions)

    asyncio.run(scenario())


@settings(max_examples=80, deadline=None)
@given(key=keys, other_key=keys, user_id=st.integers(1, 2**40), version=st.integers(0, 100))
def test_tokens_signed_with_another_key_are_refused(
    key: str, other_key: str, user_id: int, version: int
) -> None:
    clock = FakeClock()
    issued = JwtTokenIssuer(secret_key=key, clock=clock).issue(user_id=user_id, version=version)
    reader = JwtTokenIssuer(secret_key=other_key, clock=clock)
    for token in (issued.access, issued.refresh):
        if key == other_key:
            assert reader.read(token).user_id == user_id
        else:
            try:
                reader.read(token)
            except InvalidToken:
                continue
            raise AssertionError("a token signed with another key was accepted")


@settings(max_examples=60, deadline=None)
@given(
    key=keys,
    dropped=st.sets(st.sampled_from(sorted(CLAIMS)), max_size=3),
    extra=st.dictionaries(
        st.text(string.ascii_lowercase + "_", min_size=1, max_size=12).filter(
            lambda name: name not in CLAIMS
        ),
        st.one_of(st.booleans(), st.integers(), st.text(max_size=8)),
        max_size=2,
    ),
)
def test_tokens_hold_exactly_the_claims_the_issuer_writes(
    key: str, dropped: set[str], extra: dict[str, object]
) -> None:
    """Re-signed with the real key, a token missing a claim or holding one this issuer never
    writes (``role``, ``is_admin``, ...) is refused: only the unchanged token is read."""
    issuer = JwtTokenIssuer(secret_key=key, clock=FakeClock())
    issued = issuer.issue(user_id=7, version=3)
    for token in (issued.access, issued.refresh):
        claims = jwt.decode(token, options={"verify_signature": False})
        assert set(claims) == CLAIMS
        changed = {k: v for k, v in claims.items() if k not in dropped} | extra
        forged = jwt.encode(changed, derive_key(key, "session-jwt"), algorithm=ALGORITHM)
        if not dropped and not extra:
            assert issuer.read(forged).user_id == 7
            continue
        try:
            issuer.read(forged)
        except InvalidToken:
            continue
        raise AssertionError(f"accepted without {dropped} and with {extra}")


@settings(max_examples=80, deadline=None)
@given(
    key=keys,
    user_id=st.integers(1, 2**40),
    minutes=st.integers(0, 60 * 24 * 30),
)
def test_expired_and_wrong_type_tokens_are_refused(key: str, user_id: int, minutes: int) -> None:
    clock = FakeClock()
    issuer = JwtTokenIssuer(secret_key=key, clock=clock)
    issued = issuer.issue(user_id=user_id, version=0)
    for token, expected in ((issued.access, "refresh"), (issued.refresh, "access")):
        try:
            issuer.read(token, expected=expected)  # type: ignore[arg-type]
        except InvalidToken:
            pass
        else:
            raise AssertionError("a token of the wrong type was accepted")
    clock.advance(minutes=minutes)
    access_alive = minutes < 60
    refresh_alive = minutes < 60 * 24 * 7
    for token, alive in ((issued.access, access_alive), (issued.refresh, refresh_alive)):
        try:
            issuer.read(token)
        except InvalidToken:
            assert not alive
        else:
            assert alive


@settings(max_examples=80, deadline=None)
@given(
    key=keys,
    user_id=st.integers(1, 2**40),
    hours=st.integers(0, 100),
    flip=st.integers(0, 200),
)
def test_action_tokens_expire_and_resist_tampering(
    key: str, user_id: int, hours: int, flip: int
) -> None:
    clock = FakeClock()
    tokens = SignedActionTokens(secret_key=key, clock=clock)
    token = tokens.make(
        purpose="activation", user_id=user_id, fingerprint="fp", ttl=timedelta(hours=48)
    )
    assert tokens.read(token, purpose="password_reset") is None
    index = flip % len(token)
    replacement = "A" if token[index] != "A" else "B"
    tampered = token[:index] + replacement + token[index + 1 :]
    if tampered != token:
        claims = tokens.read(tampered, purpose="activation")
        # Base64 padding bits can absorb a change; what decodes must still be the same claims.
        assert claims is None or (claims.user_id, claims.fingerprint) == (user_id, "fp")
    clock.advance(hours=hours)
    claims = tokens.read(token, purpose="activation")
    assert (claims is not None) == (hours < 48)


passwords = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=MAX_LENGTH
)


@settings(max_examples=300, deadline=None)
@given(password=passwords)
def test_password_rules_accept_exactly_what_they_document(password: str) -> None:
    problems = password_problems(password, username="zqxjk_user", email="zqxjk@example.com")
    expected = []
    if len(password) < MIN_LENGTH:
        expected.append(TOO_SHORT)
    if password.isdigit():
        expected.append(ALL_DIGITS)
    if password.strip().lower() in common_passwords():
        expected.append(TOO_COMMON)
    assert [p for p in problems if "too similar" not in p] == expected


@settings(max_examples=200, deadline=None)
@given(
    password=st.text(
        alphabet="ABCDFGHJKLMNPRSTVWYZ0123456789!#%&*+", min_size=MIN_LENGTH, max_size=40
    )
)
def test_long_unrelated_passwords_pass(password: str) -> None:
    """Nothing in common with the attributes, not numeric, not common: accepted."""
    if password.isdigit() or password.lower() in common_passwords():
        return
    assert password_problems(password, username="qqqq_user", email="qqqq@eu.io") == []


@given(username=usernames, suffix=st.sampled_from(["1", "!", "12", "_x"]))
def test_username_plus_a_little_is_too_similar(username: str, suffix: str) -> None:
    problems = password_problems(username + suffix, username=username)
    assert "The password is too similar to the username." in problems


@given(st.sampled_from(sorted(common_passwords())[:500]))
def test_every_listed_common_password_is_refused(password: str) -> None:
    assert TOO_COMMON in password_problems(password)
