"""The authorization decision: a stored id token (or none) and the time -> what to answer.

Pure: no database, no clock, no OCPP dataclasses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from modules.kernel.commands import InvalidCommand

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

TokenKey = tuple[str, str]
"""An id token's (value, type)."""

UNKNOWN_TOKEN_STATUSES = ("Unknown", "Invalid")
"""What an unknown token may be answered (TC_C_02_CSMS accepts either)."""

MAX_ID_TOKEN_LENGTH = 36
MAX_LANGUAGE_LENGTH = 8
MAX_MESSAGE_LENGTH = 512
MAX_IMPORT = 10_000
"""Id tokens one import may carry."""


@dataclass(frozen=True, slots=True)
class TokenIdentity:
    """What names an id token: its value and IdTokenEnumType."""

    value: str
    type: str

    @property
    def key(self) -> TokenKey:
        """The token's (value, type)."""
        return (self.value, self.type)


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
class TokenStanding:
    """What is both stored about an id token and answered for it: its status, cache expiry,
    group id token and language."""

    status: str
    cache_expiry: datetime | None = None
    group: GroupIdToken | None = None
    language1: str | None = None


@dataclass(frozen=True, slots=True)
class KnownToken(TokenStanding):
    """What the CSMS stores about an id token."""

    allowed_evse_ids: tuple[int, ...] | None = None
    personal_message: PersonalMessage | None = None
    master_pass: bool = False


@dataclass(frozen=True, slots=True)
class Decision(TokenStanding):
    """The idTokenInfo to answer (None fields are left out)."""

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


@dataclass(frozen=True, slots=True)
class IdTokenEntry(TokenIdentity):
    """An operator's id token as given: (value, type) identifies it; the rest is what
    Authorize answers for it."""

    status: str = "Accepted"
    group: GroupIdToken | None = None
    cache_expiry: datetime | None = None
    language1: str | None = None
    evse_ids: Sequence[int] | None = None
    personal_message: PersonalMessage | None = None
    master_pass: bool = False


def _check_value(name: str, value: str) -> None:
    if len(value) > MAX_ID_TOKEN_LENGTH:
        raise InvalidCommand(name, f"at most {MAX_ID_TOKEN_LENGTH} characters")


def _check_language(name: str, value: str | None) -> None:
    if value is not None and not 0 < len(value) <= MAX_LANGUAGE_LENGTH:
        raise InvalidCommand(name, f"1 to {MAX_LANGUAGE_LENGTH} characters")


def known_token_of(entry: IdTokenEntry, where: str = "") -> KnownToken:
    """What to store for `entry`, or InvalidCommand naming the bad field (prefixed `where`):
    values and group values of at most 36 characters, a Master Pass with its group (C16),
    EVSE ids > 0 (kept sorted, once each), languages of 1 to 8 characters, a personal message
    of 1 to 512 characters; an expiry without time zone is UTC."""
    _check_value(f"{where}idToken", entry.value)
    if entry.group is not None:
        _check_value(f"{where}groupIdToken.idToken", entry.group.id_token)
    if entry.master_pass and entry.group is None:
        raise InvalidCommand(
            f"{where}groupIdToken", "a Master Pass needs its group (the MasterPassGroupId)"
        )
    _check_language(f"{where}language1", entry.language1)
    evse_ids = None
    if entry.evse_ids is not None:
        if not entry.evse_ids or any(evse_id <= 0 for evse_id in entry.evse_ids):
            raise InvalidCommand(f"{where}evseIds", "give EVSE ids > 0, or null for every EVSE")
        evse_ids = tuple(sorted(set(entry.evse_ids)))
    message = entry.personal_message
    if message is not None:
        if not message.content or len(message.content) > MAX_MESSAGE_LENGTH:
            raise InvalidCommand(
                f"{where}personalMessage.content", f"1 to {MAX_MESSAGE_LENGTH} characters"
            )
        _check_language(f"{where}personalMessage.language", message.language)
    expiry = entry.cache_expiry
    if expiry is not None and expiry.tzinfo is None:
        expiry = expiry.replace(tzinfo=UTC)
    return KnownToken(
        status=entry.status,
        cache_expiry=expiry,
        group=entry.group,
        language1=entry.language1,
        allowed_evse_ids=evse_ids,
        personal_message=message,
        master_pass=entry.master_pass,
    )


def check_import(entries: Sequence[IdTokenEntry]) -> list[KnownToken]:
    """What to store for each entry of an import, or InvalidCommand: at most MAX_IMPORT
    entries, no (value, type) twice, each entry valid (`items[i].` names the bad one)."""
    if len(entries) > MAX_IMPORT:
        raise InvalidCommand("items", f"at most {MAX_IMPORT} per import")
    seen: set[TokenKey] = set()
    tokens: list[KnownToken] = []
    for index, entry in enumerate(entries):
        key = entry.key
        if key in seen:
            raise InvalidCommand(f"items[{index}]", f"({entry.value}, {entry.type}) appears twice")
        seen.add(key)
        tokens.append(known_token_of(entry, f"items[{index}]."))
    return tokens


def group_key(value: str, kind: str, token: KnownToken) -> TokenKey | None:
    """The key of the token's group when it is another token than itself (C09)."""
    group = token.group
    if group is None or (group.id_token == value and group.type == kind):
        return None
    return group.id_token, group.type


CANCELLING_STATUSES = ("Blocked", "Expired", "Invalid", "Unknown")
"""Token statuses that make a valid contract certificate ContractCancelled (C07.FR.13)."""
CERTIFICATE_TOKEN_STATUSES = {
    "CertificateExpired": "Expired",
    "CertificateRevoked": "Invalid",
    "CertChainError": "Invalid",
    "SignatureError": "Invalid",
    "NoCertificateAvailable": "Invalid",
}
"""The idTokenInfo status a failed contract-certificate check imposes (C07.FR.15-17)."""


def with_certificate(decision: Decision, certificate_status: str) -> tuple[Decision, str]:
    """C07.FR.13-17: the decision and certificateStatus once the contract certificate was
    checked: a valid certificate answers Accepted, or ContractCancelled for a token that is
    Blocked, Expired, Invalid or Unknown; an invalid one imposes its token status."""
    if certificate_status == "Accepted":
        if decision.status in CANCELLING_STATUSES:
            return decision, "ContractCancelled"
        return decision, "Accepted"
    imposed = CERTIFICATE_TOKEN_STATUSES.get(certificate_status, "Invalid")
    return replace(decision, status=imposed, cache_expiry=None), certificate_status
