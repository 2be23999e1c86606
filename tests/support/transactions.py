"""Building and sending TransactionEvent / MeterValues requests from a scripted station.

Keyword arguments are camelCase OCPP fields: `chargingState`, `timeSpentCharging`,
`stoppedReason` and `remoteStartId` go into `transactionInfo`, everything else
(`idToken`, `evse`, `meterValue`, `offline`, `timestamp`, `numberOfPhasesUsed`, ...) at the
top level of the request.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from modules.transactions import TransactionChanged
from tests.support.nodes import RunningNode
from tests.support.station import Frame, ScriptedStation

Changed = TypeVar("Changed", bound=TransactionChanged)

TRANSACTION_INFO_KEYS = frozenset(
    {"chargingState", "timeSpentCharging", "stoppedReason", "remoteStartId"}
)
ENERGY = "Energy.Active.Import.Register"
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
"""When the scripted sessions start."""
UPSERT_TOKEN = """
mutation($input: IdTokenInput!) { upsertIdToken(input: $input) { idToken } }
"""


def ocpp_time(moment: datetime | None = None) -> str:
    """An OCPP date-time (UTC, milliseconds, Z); now when `moment` is None."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def at(minutes: float) -> str:
    """The OCPP date-time `minutes` after T0."""
    return ocpp_time(T0 + timedelta(minutes=minutes))


def id_token(value: str, kind: str = "ISO14443") -> dict[str, str]:
    """An IdTokenType."""
    return {"idToken": value, "type": kind}


def sampled_value(value: float, **fields: Any) -> dict[str, Any]:
    """A SampledValueType; `fields` are camelCase (measurand, context, phase, location,
    unitOfMeasure, signedMeterValue)."""
    return {"value": value, **fields}


def energy_reading(
    wh: float,
    timestamp: str,
    context: str | None = None,
    signed: dict[str, str] | None = None,
    unit: str | None = None,
) -> dict[str, Any]:
    """A MeterValueType with one Energy.Active.Import.Register sample."""
    sample: dict[str, Any] = {"value": wh, "measurand": ENERGY}
    if context is not None:
        sample["context"] = context
    if signed is not None:
        sample["signedMeterValue"] = signed
    if unit is not None:
        sample["unitOfMeasure"] = {"unit": unit}
    return {"timestamp": timestamp, "sampledValue": [sample]}


def signed_meter_value(data: str = "AQIDBA==") -> dict[str, str]:
    """A SignedMeterValueType."""
    return {
        "signedMeterData": data,
        "signingMethod": "ECDSA-secp256r1-SHA256",
        "encodingMethod": "OCMF",
        "publicKey": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
    }


def tx_event_payload(
    event_type: str,
    tx_id: str,
    seq_no: int,
    trigger_reason: str = "Authorized",
    **extra: Any,
) -> dict[str, Any]:
    """A TransactionEventRequest payload."""
    info: dict[str, Any] = {"transactionId": tx_id}
    payload: dict[str, Any] = {
        "eventType": event_type,
        "timestamp": ocpp_time(),
        "triggerReason": trigger_reason,
        "seqNo": seq_no,
        "transactionInfo": info,
    }
    for key, value in extra.items():
        if key in TRANSACTION_INFO_KEYS:
            info[key] = value
        else:
            payload[key] = value
    return payload


async def send_tx_event(
    station: ScriptedStation,
    event_type: str,
    tx_id: str,
    seq_no: int,
    trigger_reason: str = "Authorized",
    message_id: str | None = None,
    **extra: Any,
) -> Frame:
    """Send a TransactionEvent; returns the CSMS's CALLRESULT or CALLERROR frame."""
    payload = tx_event_payload(event_type, tx_id, seq_no, trigger_reason, **extra)
    return await station.call("TransactionEvent", payload, message_id=message_id)


async def send_started_at_t0(
    station: ScriptedStation, tx_id: str, begin_wh: float, **extra: Any
) -> Frame:
    """Send `tx_id`'s Started TransactionEvent (seqNo 0, Authorized) stamped T0, with a
    Transaction.Begin reading of `begin_wh`; returns the CSMS's answer frame."""
    begin = energy_reading(begin_wh, at(0), "Transaction.Begin")
    return await send_tx_event(
        station, "Started", tx_id, 0, timestamp=at(0), meterValue=[begin], **extra
    )


async def send_meter_values(
    station: ScriptedStation, evse_id: int, meter_value: list[dict[str, Any]]
) -> Frame:
    """Send a MeterValues request; returns the CSMS's answer frame."""
    return await station.call("MeterValues", {"evseId": evse_id, "meterValue": meter_value})


TRANSACTION_FIELDS = """
transactionId stationId evseId connectorId idToken idTokenType groupIdToken chargingState
active startedAt endedAt stoppedReason lastTriggerReason timeSpentCharging remoteStartId
lastSeqNo eventCount hasStartedEvent hasEndedEvent energyWh
events { seqNo eventType triggerReason offline chargingState messageId response }
"""
TRANSACTION_QUERY = f"""
query($stationId: ID!, $transactionId: String!) {{
  transaction(stationId: $stationId, transactionId: $transactionId) {{ {TRANSACTION_FIELDS} }}
}}
"""


async def booted(node: RunningNode, station_id: str) -> ScriptedStation:
    """A connected station whose BootNotification was accepted."""
    return await node.booted_station(station_id)


async def read_transaction(node: RunningNode, station_id: str, tx_id: str) -> dict[str, Any]:
    """The `transaction` query's answer (TRANSACTION_FIELDS), failing on GraphQL errors."""
    data = await node.graphql.data(
        TRANSACTION_QUERY, {"stationId": station_id, "transactionId": tx_id}
    )
    transaction: dict[str, Any] = data["transaction"]
    return transaction


async def reply_payload(frame: Frame) -> dict[str, Any]:
    """The payload of a CALLRESULT frame (fails on a CALLERROR)."""
    assert frame[0] == 3, frame
    payload: dict[str, Any] = frame[2]
    return payload


def transaction_changed(cls: type[Changed], **fields: Any) -> Changed:
    """A transaction event of `cls` from station CS1 with every field set (none to its default),
    `fields` replacing some."""
    values: dict[str, Any] = {
        "station_id": "CS1",
        "occurred_at": datetime(2026, 1, 1, 12, tzinfo=UTC),
        "transaction_id": "TX-1",
        "event_type": "Updated",
        "seq_no": 4,
        "trigger_reason": "ChargingStateChanged",
        "timestamp": "2026-01-01T11:00:00.000Z",
        "offline": True,
        "evse_id": 1,
        "connector_id": 2,
        "id_token": "CARD",
        "id_token_type": "ISO14443",
        "charging_state": "SuspendedEV",
        "active": False,
        "started_at": "2026-01-01T10:00:00.000Z",
        "ended_at": "2026-01-01T11:00:00.000Z",
        "stopped_reason": "EVDisconnected",
        "remote_start_id": 9,
        "energy_wh": 1234.5,
        "reservation_id": 3,
    }
    return cls(**{**values, **fields})
