"""The authorization decision: a stored id token (or none) and the time -> what to answer.

Pure: no database, no clock, no OCPP dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

ID_TOKEN_TYPES = (
    "Central",
    "eMAID",
    "ISO14443",
    "ISO15693",
    "KeyCode",
    "Local",
    "MacAddress",
    "NoAuthorization",
)
"""IdTokenEnumType (Part 2)."""

AUTHORIZATION_STATUSES = (
    "Accepted",
    "Blocked",
    "ConcurrentTx",
    "Expired",
    "Invalid",
    "NoCredit",
    "NotAllowedTypeEVSE",
    "NotAtThisLocation",
    "NotAtThisTime",
    "Unknown",
)
"""AuthorizationStatusEnumType (Part 2)."""

STORABLE_STATUSES = tuple(status for status in AUTHORIZATION_STATUSES if status != "ConcurrentTx")
"""What an operator may store: ConcurrentTx depends on running transactions, never stored."""

UNKNOWN_TOKEN_STATUSES = ("Unknown", "Invalid")
"""What an unknown token may be answered (TC_C_02_CSMS accepts either)."""


@dataclass(frozen=True, slots=True)
class GroupIdToken:
    """The group a token belongs to (value and IdTokenEnumType)."""

    id_token: str
    type: str


@dataclass(frozen=True, slots=True)
class PersonalMessage:
    """A MessageContentType: format (ASCII, HTML, URI, UTF8), optional language, content."""

    format: str
    content: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class KnownToken:
    """What the CSMS stores about an id token."""

    status: str
    cache_expiry: datetime | None = None
    group: GroupIdToken | None = None
    language1: str | None = None
    allowed_evse_ids: tuple[int, ...] | None = None
    personal_message: PersonalMessage | None = None
    master_pass: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """The idTokenInfo to answer (None fields are left out)."""

    status: str
    cache_expiry: datetime | None = None
    group: GroupIdToken | None = None
    language1: str | None = None
    evse_ids: tuple[int, ...] | None = None
    personal_message: PersonalMessage | None = None


def decide(
    token: KnownToken | None,
    now: datetime,
    unknown_status: str = "Unknown",
    group: KnownToken | None = None,
) -> Decision:
    """The answer for `token` at `now`.

    - unknown token: `unknown_status` (Unknown or Invalid), nothing else (C01.FR.07);
    - stored status otherwise; an Accepted token whose cache expiry has passed is Expired;
    - cacheExpiryDateTime only while it lies ahead (a past one is useless to a cache);
    - group id token, language1 and personal message as stored, whatever the status;
    - evseId: the allowed EVSEs when limited to some; a Master Pass token (C16) is never
      limited to EVSEs, since it may stop any transaction, and answers its group id token
      (the MasterPassGroupId, TC_C_47_CSMS..TC_C_49_CSMS);
    - `group`: the registry's own entry for the token's group id token, when there is one
      (C09). A group that is not Accepted itself (Blocked, Expired, ...) passes its status
      on to an otherwise Accepted member; an Accepted group's cache expiry caps the member's.
    """
    if unknown_status not in UNKNOWN_TOKEN_STATUSES:
        raise ValueError(f"unknown_status must be one of {UNKNOWN_TOKEN_STATUSES}")
    if token is None:
        return Decision(unknown_status)
    expired = token.cache_expiry is not None and token.cache_expiry <= now
    status = "Expired" if token.status == "Accepted" and expired else token.status
    evse_ids = None if token.master_pass else token.allowed_evse_ids
    decision = Decision(
        status=status,
        cache_expiry=None if expired else token.cache_expiry,
        group=token.group,
        language1=token.language1,
        evse_ids=evse_ids or None,
        personal_message=token.personal_message,
    )
    if group is None or token.group is None or decision.status != "Accepted":
        return decision
    group_decision = decide(group, now, unknown_status)
    if group_decision.status != "Accepted":
        return replace(decision, status=group_decision.status, cache_expiry=None)
    return replace(
        decision, cache_expiry=earliest(decision.cache_expiry, group_decision.cache_expiry)
    )


def earliest(first: datetime | None, second: datetime | None) -> datetime | None:
    """The earlier of two optional moments (None: no limit)."""
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)


def with_concurrency(
    decision: Decision, busy_elsewhere: bool, allow_concurrent_tx: bool
) -> Decision:
    """ConcurrentTx for an Accepted token that (or whose group) already charges elsewhere,
    unless concurrent transactions are allowed.

    "Elsewhere" means at another charging station: Authorize carries no EVSE, and a group
    member presented where its group charges is most likely stopping that transaction
    (C09, TC_C_39_CSMS expects Accepted there); the station knows its own transactions.
    """
    if allow_concurrent_tx or not busy_elsewhere or decision.status != "Accepted":
        return decision
    return replace(decision, status="ConcurrentTx")
