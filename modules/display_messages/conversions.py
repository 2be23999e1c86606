"""OCPP's MessageInfoType and the block's message records, both ways: a record to the
datatype the CSMS sends, and a station's reported datatype to a record (checked to be
storable: 32-bit ids, date-times, no NUL characters)."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from ocpp.v201 import datatypes, enums

from modules.display_messages import payloads, policy
from modules.display_messages.records import MessageBody, MessageInfo
from modules.kernel import codec
from modules.kernel.ocpp_parts import evse_ids, evse_of
from modules.kernel.timefmt import ocpp_datetime

BODY_FIELDS = tuple(item.name for item in fields(MessageBody))
"""A message's fields without its id, as records and rows name them."""


def body_of(message: MessageBody) -> MessageBody:
    """Just the body of a message (or of a view of one)."""
    return MessageBody(**{name: getattr(message, name) for name in BODY_FIELDS})


def with_id(body: MessageBody, message_id: int) -> MessageInfo:
    """The message `body` under `message_id`."""
    return MessageInfo(**asdict(body_of(body)), message_id=message_id)


def _display(body: MessageBody) -> datatypes.ComponentType | None:
    if body.display_component is None:
        return None
    return datatypes.ComponentType(
        name=body.display_component,
        instance=body.display_instance,
        evse=evse_of(body.display_evse_id, body.display_connector_id),
    )


def info_of(message: MessageInfo) -> payloads.MessageInfoType:
    """The MessageInfoType the CSMS sends for `message` (O01.FR.04: no transactionId when it
    is bound to no transaction, since unset fields are left out)."""
    start, end = message.start_date_time, message.end_date_time
    return payloads.MessageInfoType(
        id=message.message_id,
        priority=enums.MessagePriorityEnumType(message.priority),
        message=datatypes.MessageContentType(
            format=enums.MessageFormatEnumType(message.format),
            content=message.content,
            language=message.language,
        ),
        state=message.state,
        start_date_time=ocpp_datetime(start) if start is not None else None,
        end_date_time=ocpp_datetime(end) if end is not None else None,
        transaction_id=message.transaction_id,
        display=_display(message),
    )


def body_json(body: MessageBody) -> dict[str, Any]:
    """The MessageInfoType JSON of a message without its id (as a fleet-wide message keeps
    it)."""
    payload = codec.encode(info_of(with_id(body, 0)))
    payload.pop("id")
    return payload


def _field(where: str, name: str) -> str:
    return f"{where}.{name}"


def message_of(info: payloads.MessageInfoType, where: str) -> MessageInfo:
    """A MessageInfoType (at `where` in its payload) as a record; PropertyConstraintViolation
    naming the field the CSMS cannot store (an id beyond 32 bits, a date-time it cannot read,
    a NUL character)."""
    policy.check_storable_integer(info.id, _field(where, "id"))
    content = info.message
    for name, text in (
        ("transactionId", info.transaction_id),
        ("message.content", content.content),
        ("message.language", content.language),
        ("display.name", info.display.name if info.display else None),
        ("display.instance", info.display.instance if info.display else None),
    ):
        policy.check_storable_text(text, _field(where, name))
    evse_id, connector_id = evse_ids(info.display.evse if info.display else None)
    for name, number in (("display.evse.id", evse_id), ("display.evse.connectorId", connector_id)):
        if number is not None:
            policy.check_storable_integer(number, _field(where, name))
    return MessageInfo(
        message_id=info.id,
        priority=info.priority.value,
        state=info.state,
        start_date_time=policy.storable_time(info.start_date_time, _field(where, "startDateTime")),
        end_date_time=policy.storable_time(info.end_date_time, _field(where, "endDateTime")),
        transaction_id=info.transaction_id,
        format=content.format.value,
        language=content.language,
        content=content.content,
        display_component=info.display.name if info.display else None,
        display_instance=info.display.instance if info.display else None,
        display_evse_id=evse_id,
        display_connector_id=connector_id,
    )
