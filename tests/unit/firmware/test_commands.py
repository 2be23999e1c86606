"""Firmware commands on the memory store: the requests' payloads (schema-valid), the
workflows that record a request before sending it and its failure after, and the result
handlers' stored answers and events."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v201 import call, call_result

from modules.firmware import (
    FirmwarePublications,
    FirmwareUpdateAnswered,
    FirmwareUpdates,
    publish_firmware,
    unpublish_firmware,
    update_firmware,
)
from modules.firmware.commands import FirmwareResults, update_request
from modules.firmware.memory_store import MemoryFirmwareStore
from modules.kernel import codec, schemas
from modules.kernel.commands import CallOutcome, InvalidCommand
from modules.kernel.envelope import Outcome
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION
from tests.support.firmware import CERTIFICATE, SIGNATURE
from tests.unit.senders import RecordingSender

LOCATION = "https://fw.example/2.0.bin"


class Answering(RecordingSender):
    """Answers every CALL with `outcome`, after checking the request was recorded."""

    def __init__(self, store: MemoryFirmwareStore, outcome: CallOutcome) -> None:
        super().__init__()
        self.store = store
        self.outcome = outcome
        self.recorded_first: list[bool] = []

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """The scripted outcome."""
        rows = self.store.updates if action == "UpdateFirmware" else self.store.publications_
        self.recorded_first.append(any(r.request_id == payload["requestId"] for r in rows))
        return self.outcome


def test_a_signed_update_carries_the_signature_and_certificate_l01_fr_11() -> None:
    order = update_firmware(
        LOCATION, NOW, signature=SIGNATURE, signing_certificate=CERTIFICATE, retries=3
    )
    payload = codec.encode(order.with_id(7))

    schemas.validate("UpdateFirmware", "Request", payload)
    assert payload == {
        "requestId": 7,
        "retries": 3,
        "firmware": {
            "location": LOCATION,
            "retrieveDateTime": "2026-11-24T10:00:00.000Z",
            "signingCertificate": CERTIFICATE.strip(),
            "signature": SIGNATURE,
        },
    }
    assert order.recorded(NOW).signed


def test_an_unsigned_update_carries_neither_l02() -> None:
    order = update_firmware(
        LOCATION, NOW, signature=SIGNATURE, signing_certificate=CERTIFICATE, signed=False
    )

    firmware = codec.encode(order.with_id(1))["firmware"]
    assert "signature" not in firmware and "signingCertificate" not in firmware
    assert not order.recorded(NOW).signed


def test_publish_and_unpublish_payloads() -> None:
    request = publish_firmware(LOCATION, "A" * 32, retries=1, retry_interval=5)
    assert codec.encode(request) == {
        "location": LOCATION,
        "checksum": "a" * 32,
        "requestId": 0,
        "retries": 1,
        "retryInterval": 5,
    }
    assert codec.encode(unpublish_firmware("B" * 32)) == {"checksum": "b" * 32}
    with pytest.raises(InvalidCommand):
        unpublish_firmware("short")


async def test_the_update_is_recorded_before_it_is_sent_and_a_timeout_after() -> None:
    store = MemoryFirmwareStore()
    store.add_station(STATION)
    sender = Answering(store, CallOutcome(Outcome.TIMEOUT))
    updates = FirmwareUpdates(store, sender, lambda: NOW)

    done = await updates.update(STATION, update_firmware(LOCATION, NOW, firmware_id=4))

    assert (done.request_id, sender.recorded_first) == (1, [True])
    assert done.update is not None
    assert (done.update.outcome, done.update.firmware_id, done.update.status) == (
        "TIMEOUT",
        4,
        None,
    )
    unknown = await updates.update("NOBODY", update_firmware(LOCATION, NOW))
    assert (unknown.request_id, len(sender.sent)) == (None, 1)


async def test_a_publication_is_recorded_before_it_is_sent() -> None:
    store = MemoryFirmwareStore()
    store.add_station(STATION)
    sender = Answering(store, CallOutcome(Outcome.CALL_ERROR, error_code="NotSupported"))
    publications = FirmwarePublications(store, sender, lambda: NOW)

    done = await publications.publish(STATION, publish_firmware(LOCATION, "0" * 32), 3)

    assert (done.request_id, sender.recorded_first) == (1, [True])
    assert done.publication is not None
    assert (done.publication.outcome, done.publication.error_code) == ("CALL_ERROR", "NotSupported")
    assert done.publication.firmware_id == 3


async def test_the_answer_is_stored_and_published_and_accepted_canceled_supersedes() -> None:
    """L01.FR.24: AcceptedCanceled marks the station's earlier unfinished update."""
    store = MemoryFirmwareStore()
    store.add_station(STATION)
    first = update_firmware(LOCATION, NOW)
    await store.open_update(STATION, first.recorded(NOW))
    request_id = await store.open_update(STATION, first.recorded(NOW))
    assert request_id == 2
    ctx = HandlerContext(station_id=STATION, message_id="m1", now=NOW)
    request = update_firmware(LOCATION, NOW, signature=SIGNATURE, signing_certificate=CERTIFICATE)
    typed = codec.decode(call_result.UpdateFirmware, {"status": "AcceptedCanceled"})

    await FirmwareResults(store).update_firmware_result(ctx, request.with_id(2), typed)

    one, two = [await store.firmware_update(STATION, n) for n in (1, 2)]
    assert one is not None and two is not None
    assert (one.superseded_by, two.status, two.outcome) == (2, "AcceptedCanceled", "RESULT")
    (event,) = ctx.events
    assert event == FirmwareUpdateAnswered(
        station_id=STATION,
        occurred_at=NOW,
        request_id=2,
        location=LOCATION,
        signed=True,
        status="AcceptedCanceled",
    )
    assert from_bytes(event.to_bytes()) == event


async def test_an_answer_to_an_update_sent_with_send_call_gets_its_row() -> None:
    store = MemoryFirmwareStore()
    store.add_station(STATION)
    ctx = HandlerContext(station_id=STATION, message_id="m1", now=NOW)
    raw = {
        "requestId": 40,
        "firmware": {"location": LOCATION, "retrieveDateTime": "2026-11-24T09:00:00Z"},
    }
    request = codec.decode(call.UpdateFirmware, raw)
    response = codec.decode(call_result.UpdateFirmware, {"status": "Rejected"})

    await FirmwareResults(store).update_firmware_result(ctx, request, response)

    found = await store.firmware_update(STATION, 40)
    assert found is not None
    assert (found.status, found.location, found.requested_at) == ("Rejected", LOCATION, NOW)
    assert update_request(request, NOW).retrieve_date_time.hour == 9
    assert await store.open_update(STATION, update_request(request, NOW)) == 41
