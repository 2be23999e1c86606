"""Authorize and TokenAuthority on the memory store: unknown tokens (C01.FR.07,
TC_C_02_CSMS), group status (C09, TC_C_39_CSMS), ConcurrentTx, what TransactionEvent gets."""

from __future__ import annotations

from ocpp.v201 import call, datatypes, enums

from modules.authorization import (
    GroupIdToken,
    KnownToken,
    MemoryAuthorizationStore,
    TokenAuthority,
)
from modules.authorization.handlers import AuthorizationHandlers
from modules.authorization.memory_store import Charging
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW

FAMILY = GroupIdToken("FAMILY", "Central")


def ctx(station_id: str = "CS-1") -> HandlerContext:
    return HandlerContext(station_id=station_id, message_id="m1", now=NOW)


def authorize(value: str, kind: str = "ISO14443") -> call.Authorize:
    return call.Authorize(id_token=datatypes.IdTokenType(value, enums.IdTokenEnumType(kind)))


async def family(store: MemoryAuthorizationStore, group_status: str = "Accepted") -> None:
    await store.upsert_token("FAMILY", "Central", KnownToken(group_status))
    await store.upsert_token("KID", "ISO14443", KnownToken("Accepted", group=FAMILY))


async def test_an_unknown_token_is_answered_the_configured_status() -> None:
    store = MemoryAuthorizationStore()
    for status in ("Unknown", "Invalid"):
        handlers = AuthorizationHandlers(store, unknown_status=status)
        answer = await handlers.authorize(ctx(), authorize("NOBODY"))
        assert answer.id_token_info.status.value == status


async def test_c09_a_blocked_group_blocks_its_accepted_member() -> None:
    store = MemoryAuthorizationStore()
    await family(store, "Blocked")
    answer = await AuthorizationHandlers(store).authorize(ctx(), authorize("KID"))
    info = answer.id_token_info
    assert info.status is enums.AuthorizationStatusEnumType.blocked
    assert info.group_id_token == datatypes.IdTokenType("FAMILY", enums.IdTokenEnumType.central)


async def test_a_member_of_a_group_charging_elsewhere_is_concurrent_tx_unless_allowed() -> None:
    store = MemoryAuthorizationStore()
    await family(store)
    store.charging.append(Charging("CS-2", "OTHER", "ISO14443", "FAMILY"))

    refused = await AuthorizationHandlers(store).authorize(ctx(), authorize("KID"))
    here = await AuthorizationHandlers(store).authorize(ctx("CS-2"), authorize("KID"))
    allowed = await AuthorizationHandlers(store, allow_concurrent_tx=True).authorize(
        ctx(), authorize("KID")
    )

    assert refused.id_token_info.status is enums.AuthorizationStatusEnumType.concurrent_tx
    assert here.id_token_info.status is enums.AuthorizationStatusEnumType.accepted
    assert allowed.id_token_info.status is enums.AuthorizationStatusEnumType.accepted


async def test_token_authority_gives_the_info_whether_known_and_the_group() -> None:
    store = MemoryAuthorizationStore()
    await family(store, "Expired")
    authority = TokenAuthority(store)

    known = await authority.decide("KID", "ISO14443", NOW, "Unknown")
    unknown = await authority.decide("NOBODY", "ISO14443", NOW, "Invalid")

    assert known.known and known.info.status is enums.AuthorizationStatusEnumType.expired
    assert (known.group_id_token, known.group_id_token_type) == ("FAMILY", "Central")
    assert not unknown.known and unknown.group_id_token is None
    assert unknown.info == datatypes.IdTokenInfoType(enums.AuthorizationStatusEnumType.invalid)
