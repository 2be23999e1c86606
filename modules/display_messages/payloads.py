"""The block's own request dataclasses for the actions whose payloads carry a
MessageStateEnumType (SetDisplayMessage, GetDisplayMessages, NotifyDisplayMessages).

The `ocpp` package's MessageStateEnumType lacks `Unavailable`, which the official schemas
allow, so its dataclasses cannot decode every valid message: a station reporting a message
for state Unavailable would get InternalError, and an operator could not set one. These
mirror the package's dataclasses with the state kept as text (checked by the schema, one of
`MessageState`). They are named as the actions, since a typed send takes the action from
the request's class name, and the routes name them instead of the package's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201 import datatypes, enums


@dataclass
class MessageInfoType:
    """MessageInfoType with its state as text."""

    id: int
    priority: enums.MessagePriorityEnumType
    message: datatypes.MessageContentType
    state: str | None = None
    start_date_time: str | None = None
    end_date_time: str | None = None
    transaction_id: str | None = None
    display: datatypes.ComponentType | None = None


@dataclass
class SetDisplayMessage:
    """SetDisplayMessageRequest."""

    message: MessageInfoType


@dataclass
class GetDisplayMessages:
    """GetDisplayMessagesRequest."""

    request_id: int
    id: list[int] | None = None
    priority: enums.MessagePriorityEnumType | None = None
    state: str | None = None


@dataclass
class NotifyDisplayMessages:
    """NotifyDisplayMessagesRequest."""

    request_id: int
    message_info: list[MessageInfoType] | None = None
    tbc: bool | None = None
