"""The authorization decision (block C), group status (C09) and ConcurrentTx included, without
database or network."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from modules.authorization.policy import (
    STORABLE_STATUSES,
    Decision,
    GroupIdToken,
    IdTokenEntry,
    KnownToken,
    PersonalMessage,
    check_import,
    decide,
    known_token_of,
    with_concurrency,
)
from modules.kernel.commands import InvalidCommand
from tests.support.clock import NOW

GROUP = GroupIdToken("FLEET-1", "Central")
MESSAGE = PersonalMessage("UTF8", "Welkom", "nl")
MEMBER = KnownToken("Accepted", group=GROUP)


def test_unknown_token_is_unknown_by_default_and_invalid_when_configured() -> None:
    assert decide(None, NOW) == Decision("Unknown")
    assert decide(None, NOW, "Invalid") == Decision("Invalid")


def test_unknown_status_must_be_unknown_or_invalid() -> None:
    with pytest.raises(ValueError, match="unknown_status"):
        decide(None, NOW, "Accepted")


@pytest.mark.parametrize("status", STORABLE_STATUSES)
def test_a_stored_status_is_answered_as_is(status: str) -> None:
    assert decide(KnownToken(status), NOW).status == status


def test_accepted_token_past_its_expiry_is_expired_and_the_past_expiry_is_left_out() -> None:
    token = KnownToken("Accepted", cache_expiry=NOW - timedelta(seconds=1), group=GROUP)
    assert decide(token, NOW) == Decision("Expired", group=GROUP)
    assert decide(KnownToken("Accepted", cache_expiry=NOW), NOW).status == "Expired"


def test_accepted_token_before_its_expiry_is_accepted_with_the_expiry() -> None:
    later = NOW + timedelta(days=1)
    assert decide(KnownToken("Accepted", cache_expiry=later), NOW) == Decision(
        "Accepted", cache_expiry=later
    )


def test_blocked_token_past_expiry_stays_blocked() -> None:
    token = KnownToken("Blocked", cache_expiry=NOW - timedelta(days=1))
    assert decide(token, NOW) == Decision("Blocked")


def test_every_stored_detail_is_answered() -> None:
    token = KnownToken(
        "Accepted",
        group=GROUP,
        language1="nl",
        allowed_evse_ids=(1, 2),
        personal_message=MESSAGE,
    )
    assert decide(token, NOW) == Decision(
        "Accepted", group=GROUP, language1="nl", evse_ids=(1, 2), personal_message=MESSAGE
    )


def test_master_pass_answers_its_group_and_is_not_limited_to_evses() -> None:
    token = KnownToken("Accepted", group=GROUP, allowed_evse_ids=(1,), master_pass=True)
    assert decide(token, NOW) == Decision("Accepted", group=GROUP)


def test_an_entry_is_normalised_for_storage() -> None:
    """EVSE ids sorted once each; an expiry without time zone is UTC."""
    entry = IdTokenEntry("T", "ISO14443", evse_ids=[2, 1, 2], cache_expiry=datetime(2027, 1, 1))
    token = known_token_of(entry)
    assert token.allowed_evse_ids == (1, 2)
    assert token.cache_expiry == datetime(2027, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (IdTokenEntry("X" * 37, "ISO14443"), "idToken: at most 36 characters"),
        (
            IdTokenEntry("T", "ISO14443", master_pass=True),
            "groupIdToken: a Master Pass needs its group (the MasterPassGroupId)",
        ),
        (
            IdTokenEntry("T", "ISO14443", evse_ids=[0]),
            "evseIds: give EVSE ids > 0, or null for every EVSE",
        ),
        (IdTokenEntry("T", "ISO14443", language1=""), "language1: 1 to 8 characters"),
        (
            IdTokenEntry("T", "ISO14443", personal_message=PersonalMessage("UTF8", "")),
            "personalMessage.content: 1 to 512 characters",
        ),
    ],
)
def test_an_invalid_entry_names_its_field(entry: IdTokenEntry, message: str) -> None:
    with pytest.raises(InvalidCommand) as raised:
        known_token_of(entry)
    assert str(raised.value) == message


def test_an_import_names_the_item_at_fault_and_refuses_twins() -> None:
    with pytest.raises(InvalidCommand, match=r"^items\[1\]\.idToken: at most 36"):
        check_import([IdTokenEntry("A", "Local"), IdTokenEntry("X" * 40, "Local")])
    with pytest.raises(InvalidCommand, match=r"^items\[1\]: \(A, Local\) appears twice"):
        check_import([IdTokenEntry("A", "Local"), IdTokenEntry("A", "Local")])


# --- group status (C09) and ConcurrentTx --------------------------------------------------------


def test_a_group_not_accepted_passes_its_status_to_an_accepted_member() -> None:
    assert decide(MEMBER, NOW, group=KnownToken("Blocked")) == Decision("Blocked", group=GROUP)
    expired_group = KnownToken("Accepted", cache_expiry=NOW - timedelta(seconds=1))
    assert decide(MEMBER, NOW, group=expired_group).status == "Expired"


def test_the_members_own_status_wins_and_an_accepted_group_caps_the_expiry() -> None:
    member = KnownToken("NoCredit", group=GROUP)
    assert decide(member, NOW, group=KnownToken("Blocked")).status == "NoCredit"
    later, sooner = NOW + timedelta(days=9), NOW + timedelta(days=1)
    capped = decide(
        KnownToken("Accepted", cache_expiry=later, group=GROUP),
        NOW,
        group=KnownToken("Accepted", cache_expiry=sooner),
    )
    assert capped == Decision("Accepted", cache_expiry=sooner, group=GROUP)


def test_a_group_is_ignored_for_a_token_without_group() -> None:
    assert decide(KnownToken("Accepted"), NOW, group=KnownToken("Blocked")).status == "Accepted"


def test_concurrent_tx_only_for_accepted_tokens_busy_elsewhere_when_not_allowed() -> None:
    accepted = Decision("Accepted", group=GROUP)
    assert with_concurrency(accepted, True, False) == Decision("ConcurrentTx", group=GROUP)
    assert with_concurrency(accepted, True, True) == accepted
    assert with_concurrency(accepted, False, False) == accepted
    assert with_concurrency(Decision("Blocked"), True, False) == Decision("Blocked")
