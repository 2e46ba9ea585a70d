from __future__ import annotations

from collections.abc import Iterable

import pytest

from core.domain.accounts.errors import DuplicateIdentifier, InvalidActionToken
from core.domain.accounts.passwords import ALL_DIGITS, MISMATCH, TOO_COMMON, TOO_SHORT
from core.domain.companies.company import CompanyNameTaken, default_company_names
from core.domain.errors import ValidationFailed
from core.use_cases.accounts.check_email import CheckEmailCommand
from core.use_cases.accounts.check_username import (
    CheckUsername,
    CheckUsernameCommand,
    UsernameAvailability,
)
from core.use_cases.accounts.confirm_email import ConfirmEmailCommand
from core.use_cases.accounts.create_internal_account import CreateInternalAccountCommand
from core.use_cases.accounts.resend_activation import ResendActivationCommand, ResendOutcome
from tests.unit.test_accounts_rules import Drawn
from tests.unit.world import STRONG, World


async def test_candidate_gets_profile_and_activation_email_after_commit(world: World) -> None:
    user = await world.sign_up()
    assert user.id is not None and not user.is_active and not user.email_verified
    assert world.setup.candidate_profiles == {user.id}
    assert world.tx.commits == 1
    [mail] = world.emails("activation")
    assert mail.to == "john@example.com"
    assert mail.context["link"].startswith("https://app.example/activate?token=")
    assert mail.context["hours"] == "48"


async def test_recruiter_gets_company_they_administer(world: World) -> None:
    user = await world.sign_up("acme_hr", "hr@acme.io", user_type="recruiter", company_name="Acme")
    [(company_id, (admin, name))] = world.setup.companies.items()
    assert (admin, name) == (user.id, "Acme")
    assert world.setup.recruiter_profiles == {user.id: company_id}
    assert world.setup.candidate_profiles == set()


@pytest.mark.parametrize("user_type", ["admin", "ngo_manager", "superuser"])
async def test_only_candidates_and_recruiters_may_sign_up(world: World, user_type: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(user_type=user_type)
    assert "user_type" in caught.value.errors
    assert world.users.rows == {} and not world.tx.committed and world.emails() == []


@pytest.mark.parametrize(
    ("password", "message"),
    [("Sh0rt!", TOO_SHORT), ("12345678901", ALL_DIGITS), ("password123", TOO_COMMON)],
)
async def test_password_rules_name_the_broken_rule(
    world: World, password: str, message: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(password=password, password2=password)
    assert message in caught.value.errors["password"]
    assert world.users.rows == {}


async def test_password_similar_to_username_is_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(
            "kangaroo_jumper", password="kangaroojumper1", password2="kangaroojumper1"
        )
    assert caught.value.errors["password"] == ["The password is too similar to the username."]


async def test_password2_must_match(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(password2="Different-Thing-77")
    assert caught.value.errors["password2"] == [MISMATCH]


async def test_email_and_username_are_unique_case_insensitively(world: World) -> None:
    await world.sign_up("john_doe", "John@Example.com")
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up("JOHN_DOE", "john@example.COM")
    assert set(caught.value.errors) == {"email", "username"}


async def test_store_refusal_surfaces_as_duplicate(world: World) -> None:
    """A twin registered between the check and the insert is caught by the store."""
    await world.sign_up("john_doe", "john@example.com")
    original = world.users.email_taken

    async def racing_check(email: str) -> bool:
        return False

    world.users.email_taken = racing_check  # type: ignore[method-assign]
    with pytest.raises(DuplicateIdentifier) as caught:
        await world.sign_up("other_name", "JOHN@example.com")
    assert caught.value.errors == {"email": ["A user with this email already exists."]}
    world.users.email_taken = original  # type: ignore[method-assign]
    assert len(world.users.rows) == 1


async def test_confirm_activates_once_then_says_already_verified(world: World) -> None:
    await world.sign_up()
    token = world.token_in(world.emails("activation")[0])
    first = await world.confirm_email(ConfirmEmailCommand(token=token))
    assert not first.already_verified and first.user.is_active and first.user.email_verified
    second = await world.confirm_email(ConfirmEmailCommand(token=token))
    assert second.already_verified


async def test_confirm_never_reenables_a_disabled_account(world: World) -> None:
    await world.sign_up()
    token = world.token_in(world.emails("activation")[0])
    user = (await world.confirm_email(ConfirmEmailCommand(token=token))).user
    user.set_active(False, world.clock.now())
    await world.users.update(user)
    result = await world.confirm_email(ConfirmEmailCommand(token=token))
    assert result.already_verified and not result.user.is_active


async def test_activation_token_expires_after_48_hours(world: World) -> None:
    await world.sign_up()
    token = world.token_in(world.emails("activation")[0])
    world.clock.advance(hours=48, seconds=1)
    with pytest.raises(InvalidActionToken):
        await world.confirm_email(ConfirmEmailCommand(token=token))


@pytest.mark.parametrize("token", ["", "garbage", "a.b", "x" * 2000])
async def test_forged_activation_tokens_are_refused(world: World, token: str) -> None:
    await world.sign_up()
    with pytest.raises(InvalidActionToken):
        await world.confirm_email(ConfirmEmailCommand(token=token))


async def test_tampered_activation_token_is_refused(world: World) -> None:
    await world.sign_up()
    await world.sign_up("jane_doe", "jane@example.com")
    token = world.token_in(world.emails("activation")[0])
    payload, sig = token.split(".")
    other = world.token_in(world.emails("activation")[1]).split(".")[0]
    with pytest.raises(InvalidActionToken):
        await world.confirm_email(ConfirmEmailCommand(token=f"{other}.{sig}"))
    assert payload != other


async def test_resend_for_unknown_or_verified_email_sends_nothing(world: World) -> None:
    await world.active_user()
    sent = len(world.emails())
    await world.resend(ResendActivationCommand(email="nobody@example.com"))
    await world.resend(ResendActivationCommand(email="john@example.com"))
    assert len(world.emails()) == sent


async def test_resend_for_pending_account_sends_a_new_link(world: World) -> None:
    await world.sign_up()
    await world.resend(ResendActivationCommand(email="JOHN@example.com", locale="fr"))
    mails = world.emails("activation")
    assert len(mails) == 2 and mails[1].locale == "fr"


async def test_resend_when_signed_in_and_verified_says_so(world: World) -> None:
    user = await world.active_user()
    outcome = await world.resend(ResendActivationCommand(user_id=user.id))
    assert outcome.already_verified


async def test_resend_without_email_or_user_is_400(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.resend(ResendActivationCommand())
    assert "email" in caught.value.errors


# --- internal accounts and the e-mail check ---------------------------------------------------


@pytest.mark.parametrize("user_type", ["admin", "ngo_manager"])
async def test_an_operator_creates_an_internal_account_active_at_once(
    world: World, user_type: str
) -> None:
    world.clock.advance(minutes=5)
    user = await world.create_internal(
        CreateInternalAccountCommand(
            username="site_root",
            email="Root@Example.COM",
            password=STRONG,
            user_type=user_type,
            first_name=" Ada ",
            last_name=" Root ",
        )
    )
    assert world.users.rows[user.require_id()] == user
    assert (user.username, user.email, user.user_type.value) == (
        "site_root",
        "Root@example.com",
        user_type,
    )
    assert (user.first_name, user.last_name) == ("Ada", "Root")
    assert user.is_active and user.email_verified
    assert user.password_hash == f"fake${STRONG}"
    assert user.created_at == user.updated_at == world.clock.now()
    assert world.tx.commits == 1
    assert world.emails() == []  # nobody to activate: an operator vouches for it
    assert world.setup.candidate_profiles == set() and world.setup.companies == {}


async def test_an_internal_account_is_refused_with_every_broken_rule_named(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.create_internal(
            CreateInternalAccountCommand(
                username=" x",
                email="root@",
                password="short",
                user_type="candidate",
                first_name="A" * 151,
            )
        )
    errors = caught.value.errors
    assert set(errors) == {"user_type", "username", "email", "password", "first_name"}
    assert errors["user_type"] == [
        '"candidate" is not an internal account type: choose one of admin, ngo_manager '
        "(candidates and recruiters sign up themselves)."
    ]
    assert errors["username"] == ["Usernames may not start or end with spaces."]
    assert errors["email"] == ["Enter a valid email address."]
    assert TOO_SHORT in errors["password"]
    assert world.users.rows == {} and not world.tx.committed


async def test_an_internal_accounts_password_may_not_look_like_its_names(world: World) -> None:
    for field, value in [("username", "lanternkeeper"), ("email", "lanternkeeper@example.com")]:
        fields = {"username": "site_root", "email": "root@example.com", field: value}
        with pytest.raises(ValidationFailed) as caught:
            await world.create_internal(
                CreateInternalAccountCommand(password="Lanternkeeper1", **fields)
            )
        assert list(caught.value.errors) == ["password"], field
    for name in ("first_name", "last_name"):
        with pytest.raises(ValidationFailed) as caught:
            await world.create_internal(
                CreateInternalAccountCommand(
                    username="site_root",
                    email="root@example.com",
                    password="Lanternkeeper1",
                    **{name: "Lanternkeeper"},
                )
            )
        assert list(caught.value.errors) == ["password"], name
    assert world.users.rows == {}


async def test_the_email_check_says_whether_an_address_is_free(world: World) -> None:
    assert (await world.check_email(CheckEmailCommand(email="john@example.com"))).available
    await world.sign_up("john_doe", "john@example.com")
    taken = await world.check_email(CheckEmailCommand(email="John@Example.com"))
    assert taken.available is False
    with pytest.raises(ValidationFailed) as caught:
        await world.check_email(CheckEmailCommand(email="john@"))
    assert caught.value.errors == {"email": ["Enter a valid email address."]}


# --- a recruiter's company --------------------------------------------------------------------


async def test_a_recruiter_without_a_company_name_gets_one_named_after_them(world: World) -> None:
    user = await world.sign_up(user_type="recruiter")
    assert world.setup.companies == {1: (user.id, "John Doe's company")}
    assert world.setup.recruiter_profiles == {user.id: 1}


async def test_a_taken_default_company_name_gives_the_next_one(world: World) -> None:
    world.setup.companies[1] = (99, "john doe's COMPANY")
    user = await world.sign_up(user_type="recruiter")
    assert world.setup.companies[2] == (user.id, "John Doe's company (john_doe)")
    assert world.setup.recruiter_profiles == {user.id: 2}


async def test_a_default_company_name_taken_a_moment_ago_gives_the_next_one(
    world: World,
) -> None:
    race_for_the_first_company_name(world)
    user = await world.sign_up(user_type="recruiter")
    assert world.setup.companies[2] == (user.id, "John Doe's company (john_doe)")
    assert world.setup.recruiter_profiles == {user.id: 2}


def race_for_the_first_company_name(world: World) -> None:
    """Another sign-up creates a company of the name asked for between the check and the
    insert."""
    create = world.setup.create_company_for

    async def raced(admin_user_id: int, company_name: str) -> int:
        if not world.setup.companies:
            world.setup.companies[1] = (99, company_name)
        return await create(admin_user_id, company_name)

    world.setup.create_company_for = raced  # type: ignore[method-assign]


async def test_a_company_name_taken_a_moment_ago_is_named_as_the_field_sent(
    world: World,
) -> None:
    race_for_the_first_company_name(world)
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(user_type="recruiter", company_name="Acme")
    assert caught.value.errors == {"company_name": [CompanyNameTaken.MESSAGE]}
    assert not world.tx.committed and world.emails() == []


async def test_when_every_default_company_name_is_taken_the_company_name_is_asked_for(
    world: World,
) -> None:
    for index, name in enumerate(default_company_names("John Doe", "john_doe"), start=1):
        world.setup.companies[index] = (99, name)
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(user_type="recruiter")
    assert caught.value.errors == {"company_name": [CompanyNameTaken.MESSAGE]}
    assert not world.tx.committed


# --- activation -------------------------------------------------------------------------------


async def test_confirming_stamps_the_activation_and_says_it_was_new(world: World) -> None:
    user = await world.sign_up()
    token = world.token_in(world.emails("activation")[0])
    world.clock.advance(minutes=9)
    commits = world.tx.commits
    result = await world.confirm_email(ConfirmEmailCommand(token=token))
    assert result.already_verified is False
    stored = world.users.rows[user.require_id()]
    assert stored.email_verified and stored.is_active
    assert stored.updated_at == world.clock.now()
    assert world.tx.commits == commits + 1
    again = await world.confirm_email(ConfirmEmailCommand(token=token))
    assert again.already_verified is True and world.tx.commits == commits + 1


async def test_an_activation_link_of_a_removed_account_is_invalid(world: World) -> None:
    user = await world.sign_up()
    token = world.token_in(world.emails("activation")[0])
    world.users.rows.pop(user.require_id())
    with pytest.raises(InvalidActionToken) as caught:
        await world.confirm_email(ConfirmEmailCommand(token=token))
    assert caught.value.errors == {"token": ["Invalid or expired activation token"]}


async def test_an_activation_link_for_an_address_the_account_no_longer_has_verifies_nothing(
    world: World,
) -> None:
    user = await world.sign_up()
    token = world.token_in(world.emails("activation")[0])
    user.email = "john.doe@example.org"  # changed by an operator since the link went out
    await world.users.update(user)
    with pytest.raises(InvalidActionToken):
        await world.confirm_email(ConfirmEmailCommand(token=token))
    assert not world.users.rows[user.require_id()].email_verified


@pytest.mark.parametrize(
    ("email", "message"),
    [
        (None, "This field is required."),
        ("", "This field is required."),
        ("john@", "Enter a valid email address."),
    ],
)
async def test_an_anonymous_resend_names_what_is_wrong_with_the_address(
    world: World, email: str | None, message: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.resend(ResendActivationCommand(email=email))
    assert caught.value.errors == {"email": [message]}


async def test_a_signed_in_resend_sends_to_a_pending_account_and_nothing_for_an_unknown_one(
    world: World,
) -> None:
    user = await world.sign_up()
    assert await world.resend(ResendActivationCommand(user_id=99)) == ResendOutcome()
    assert len(world.emails("activation")) == 1
    outcome = await world.resend(ResendActivationCommand(user_id=user.require_id(), locale="fr"))
    assert outcome.already_verified is False
    [_, mail] = world.emails("activation")
    assert (mail.to, mail.locale) == ("john@example.com", "fr")


# --- the username check -----------------------------------------------------------------------


async def test_a_free_username_is_available_with_no_suggestion(world: World) -> None:
    result = await world.check_username(CheckUsernameCommand(username="john_doe"))
    assert result == UsernameAvailability(available=True, suggestions=[])


async def test_a_broken_username_is_named(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.check_username(CheckUsernameCommand(username="jo"))
    assert caught.value.errors == {"username": ["Ensure this field has at least 3 characters."]}


async def test_a_taken_username_gets_the_three_most_natural_free_alternatives(
    world: World,
) -> None:
    await world.sign_up("john_doe", "john@example.com")
    await world.sign_up("John_Doe1", "john1@example.com")
    result = await world.check_username(CheckUsernameCommand(username="JOHN_DOE"))
    assert result == UsernameAvailability(
        available=False, suggestions=["JOHN_DOE_2026", "JOHN_DOE_user", "JOHN_DOE_pro"]
    )


async def test_the_alternatives_are_drawn_five_times_at_most(world: World) -> None:
    asked: list[list[str]] = []

    async def every_name_taken(candidates: Iterable[str]) -> set[str]:
        names = list(candidates)
        asked.append(names)
        return set(names)

    world.users.taken_usernames = every_name_taken  # type: ignore[method-assign]
    result = await world.check_username(CheckUsernameCommand(username="john_doe"))
    assert result == UsernameAvailability(available=False, suggestions=[])
    assert asked[0] == ["john_doe"]
    assert len(asked) == 1 + 5


# --- what sign-up stores, refuses and sends ---------------------------------------------------


async def test_sign_up_stores_the_trimmed_fields_and_the_time(world: World) -> None:
    world.clock.advance(minutes=8)
    user = await world.sign_up(
        "john_doe",
        " John@Example.COM ",
        first_name=" John ",
        last_name=" Doe ",
        phone=" +33 6 12 34 56 78 ",
        location=" Lyon ",
        bio=" Welder. ",
    )
    stored = world.users.rows[user.require_id()]
    assert stored == user
    assert (stored.username, stored.email) == ("john_doe", "John@example.com")
    assert (stored.first_name, stored.last_name) == ("John", "Doe")
    assert (stored.phone, stored.location, stored.bio) == ("+33 6 12 34 56 78", "Lyon", "Welder.")
    assert stored.password_hash == f"fake${STRONG}"
    assert stored.user_type == "candidate"
    assert stored.is_active is False and stored.email_verified is False
    assert stored.created_at == stored.updated_at == world.clock.now()


async def test_the_activation_email_greets_the_user_in_their_language(world: World) -> None:
    await world.sign_up(locale="fr")
    [mail] = world.emails("activation")
    assert (mail.to, mail.locale) == ("john@example.com", "fr")
    token = world.token_in(mail)
    assert mail.context == {
        "first_name": "John",
        "username": "john_doe",
        "link": f"https://app.example/activate?token={token}",
        "hours": "48",
    }


async def test_taken_identifiers_are_named_with_their_sentences(world: World) -> None:
    await world.sign_up("john_doe", "john@example.com", user_type="recruiter", company_name="Acme")
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(
            "JOHN_DOE", "JOHN@example.com", user_type="recruiter", company_name=" acme "
        )
    assert caught.value.errors == {
        "email": ["A user with this email already exists."],
        "username": ["A user with this username already exists."],
        "company_name": [CompanyNameTaken.MESSAGE],
    }
    assert len(world.users.rows) == 1 and world.tx.commits == 1


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"user_type": "superuser"}, {"user_type": ['"superuser" is not a valid choice.']}),
        (
            {"user_type": "admin"},
            {
                "user_type": [
                    '"admin" accounts cannot be created by registration; '
                    "choose candidate or recruiter."
                ]
            },
        ),
        ({"company_name": "Acme"}, {"company_name": ["Only recruiters register a company."]}),
        (
            {"user_type": "recruiter", "company_name": "A" * 201},
            {"company_name": ["Ensure this field has no more than 200 characters."]},
        ),
        ({"phone": " call me "}, {"phone": ["Enter a valid phone number, e.g. +33612345678."]}),
        (
            {"first_name": "J" * 151},
            {"first_name": ["Ensure this field has no more than 150 characters."]},
        ),
        (
            {"last_name": "D" * 151},
            {"last_name": ["Ensure this field has no more than 150 characters."]},
        ),
        (
            {"location": "L" * 256},
            {"location": ["Ensure this field has no more than 255 characters."]},
        ),
        ({"bio": "B" * 5001}, {"bio": ["Ensure this field has no more than 5000 characters."]}),
        ({"username": "jo"}, {"username": ["Ensure this field has at least 3 characters."]}),
        ({"email": "john@"}, {"email": ["Enter a valid email address."]}),
    ],
)
async def test_each_broken_field_is_named_with_its_sentence(
    world: World, fields: dict[str, str], errors: dict[str, list[str]]
) -> None:
    wanted = {"username": "john_doe", "email": "john@example.com", **fields}
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(**wanted)
    assert caught.value.errors == errors
    assert world.users.rows == {} and not world.tx.committed


@pytest.mark.parametrize(
    ("password", "attribute"),
    [
        ("Kangaroojumper1", "username"),
        ("Platypus-77", "email address"),
        ("Wombat-123", "first name"),
        ("Echidna-12", "last name"),
    ],
)
async def test_a_password_may_not_look_like_who_signs_up(
    world: World, password: str, attribute: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await world.sign_up(
            "kangaroo_jumper",
            "platypus@example.com",
            password=password,
            password2=password,
            first_name="Wombat",
            last_name="Echidna",
        )
    assert caught.value.errors == {"password": [f"The password is too similar to the {attribute}."]}


@pytest.mark.parametrize("field", ["first_name", "last_name"])
async def test_an_internal_accounts_names_have_at_most_150_characters(
    world: World, field: str
) -> None:
    fields = {"username": "site_root", "email": "root@example.com", "password": STRONG}
    with pytest.raises(ValidationFailed) as caught:
        await world.create_internal(CreateInternalAccountCommand(**fields, **{field: "N" * 151}))
    assert caught.value.errors == {field: ["Ensure this field has no more than 150 characters."]}
    user = await world.create_internal(CreateInternalAccountCommand(**fields, **{field: "N" * 150}))
    assert getattr(user, field) == "N" * 150


async def test_suggestions_draw_their_random_numbers_from_the_generator_given(
    world: World,
) -> None:
    async def taken_but_the_lowest_draws(candidates: Iterable[str]) -> set[str]:
        return {c.casefold() for c in candidates} - {"john_doe_10", "john_doe100"}

    world.users.taken_usernames = taken_but_the_lowest_draws  # type: ignore[method-assign]
    check = CheckUsername(world.users, world.clock, Drawn(highest=False))
    result = await check(CheckUsernameCommand(username="john_doe"))
    assert result.suggestions == ["john_doe_10", "john_doe100"]


async def test_without_a_generator_given_suggestions_are_still_made(world: World) -> None:
    await world.sign_up("john_doe", "john@example.com")
    result = await CheckUsername(world.users, world.clock)(
        CheckUsernameCommand(username="john_doe")
    )
    assert result.available is False
    assert result.suggestions == ["john_doe1", "john_doe_2026", "john_doe_user"]
