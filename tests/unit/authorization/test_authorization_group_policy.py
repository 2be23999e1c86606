"""Group status (C09) and ConcurrentTx in the authorization decision, without database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from modules.authorization.policy import (
    Decision,
    GroupIdToken,
    KnownToken,
    decide,
    with_concurrency,
)

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
GROUP = GroupIdToken("FLEET", "Central")
MEMBER = KnownToken("Accepted", group=GROUP)


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
