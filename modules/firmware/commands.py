"""Firmware commands (block L): the typed UpdateFirmware, PublishFirmware and UnpublishFirmware
requests built and checked from an operator's arguments, the workflows that allocate a
requestId and record the request before sending it, and the result handlers that store and
report the answers (each in the answer's transaction; events go out after it)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ocpp.v201 import call, call_result, datatypes, enums

from modules.firmware import policy
from modules.firmware.events import (
    FirmwarePublishAnswered,
    FirmwareUnpublishAnswered,
    FirmwareUpdateAnswered,
)
from modules.firmware.records import (
    Answer,
    FirmwareUpdateView,
    PublicationView,
    PublishRequest,
    UpdateRequest,
)
from modules.firmware.store import FirmwareStore
from modules.kernel import codec, schemas
from modules.kernel.commands import CommandResult, typed
from modules.kernel.envelope import Outcome
from modules.kernel.ocpp_parts import answer_fields
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.kernel.timefmt import ocpp_datetime, parse_ocpp_datetime

_utc_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)

PLACEHOLDER_REQUEST_ID = 0
"""Stands in for the requestId while a request is checked, before one is allocated."""


@dataclass(frozen=True, slots=True)
class UpdateOrder:
    """A checked UpdateFirmware without its requestId (the workflow allocates it), and the
    catalogue entry and campaign it belongs to, if any."""

    request: call.UpdateFirmware
    firmware_id: int | None = None
    campaign_id: int | None = None

    def with_id(self, request_id: int) -> call.UpdateFirmware:
        """The request carrying `request_id`."""
        return replace(self.request, request_id=request_id)

    def recorded(self, now: datetime) -> UpdateRequest:
        """The request as its row records it, asked for at `now`."""
        return update_request(self.request, now, self.firmware_id, self.campaign_id)


def update_request(
    request: call.UpdateFirmware,
    now: datetime,
    firmware_id: int | None = None,
    campaign_id: int | None = None,
) -> UpdateRequest:
    """What an UpdateFirmware asked for, as an update's row keeps it."""
    firmware = request.firmware
    install = firmware.install_date_time
    return UpdateRequest(
        location=firmware.location,
        retrieve_date_time=parse_ocpp_datetime(firmware.retrieve_date_time),
        install_date_time=parse_ocpp_datetime(install) if install else None,
        retries=request.retries,
        retry_interval=request.retry_interval,
        signed=firmware.signature is not None,
        firmware_id=firmware_id,
        campaign_id=campaign_id,
        requested_at=now,
    )


def update_firmware(
    location: str,
    retrieve_date_time: datetime,
    *,
    install_date_time: datetime | None = None,
    retries: int | None = None,
    retry_interval: int | None = None,
    signature: str | None = None,
    signing_certificate: str | None = None,
    signed: bool | None = None,
    firmware_id: int | None = None,
    campaign_id: int | None = None,
) -> UpdateOrder:
    """L01/L02: the request to fetch `location` after `retrieve_date_time` and install it
    (after `install_date_time` when given): signed (L01, with the signature and the signing
    certificate, L01.FR.11) or not (L02). Raises InvalidCommand for an argument that does not
    fit, the schema's OcppError for a payload that does not conform."""
    policy.install_after_retrieve(retrieve_date_time, install_date_time)
    signature, certificate = policy.signed_parts(
        signed, policy.signature(signature), policy.signing_certificate(signing_certificate)
    )
    request = call.UpdateFirmware(
        request_id=PLACEHOLDER_REQUEST_ID,
        firmware=datatypes.FirmwareType(
            location=policy.location(location),
            retrieve_date_time=ocpp_datetime(retrieve_date_time),
            install_date_time=ocpp_datetime(install_date_time) if install_date_time else None,
            signing_certificate=certificate,
            signature=signature,
        ),
        retries=policy.counter("retries", retries),
        retry_interval=policy.counter("retryInterval", retry_interval),
    )
    schemas.validate("UpdateFirmware", "Request", codec.encode(request))
    return UpdateOrder(request, firmware_id, campaign_id)


def publish_firmware(
    location: str,
    checksum: str,
    retries: int | None = None,
    retry_interval: int | None = None,
) -> call.PublishFirmware:
    """L03: the request for a local controller to download `location`, check its MD5
    `checksum` (L03.FR.02) and publish it."""
    checked = policy.checksum(checksum)
    assert checked is not None  # a checksum was given
    request = call.PublishFirmware(
        location=policy.location(location),
        checksum=checked,
        request_id=PLACEHOLDER_REQUEST_ID,
        retries=policy.counter("retries", retries),
        retry_interval=policy.counter("retryInterval", retry_interval),
    )
    schemas.validate("PublishFirmware", "Request", codec.encode(request))
    return request


def publish_request(
    request: call.PublishFirmware, now: datetime, firmware_id: int | None = None
) -> PublishRequest:
    """What a PublishFirmware asked for, as its row keeps it."""
    return PublishRequest(
        location=request.location,
        checksum=request.checksum,
        retries=request.retries,
        retry_interval=request.retry_interval,
        firmware_id=firmware_id,
        requested_at=now,
    )


def unpublish_firmware(checksum: str) -> call.UnpublishFirmware:
    """L04: the request to stop publishing the file with that MD5 checksum."""
    checked = policy.checksum(checksum)
    assert checked is not None  # a checksum was given
    return call.UnpublishFirmware(checksum=checked)


def _failure(result: CommandResult[Any]) -> Answer | None:
    """How a call without an answer ended, as stored (None when the station answered: the
    result handler stored that)."""
    if result.outcome is Outcome.RESULT:
        return None
    return Answer(outcome=result.outcome.value, error_code=result.error_code)


@dataclass(frozen=True, slots=True)
class UpdateOutcome:
    """How an UpdateFirmware went: no `request_id` (nothing sent) for an unknown station;
    otherwise the call's result and the update as stored after it."""

    request_id: int | None
    result: CommandResult[call_result.UpdateFirmware] | None = None
    update: FirmwareUpdateView | None = None


class FirmwareUpdates:
    """L01/L02: allocate a requestId, record the update BEFORE sending (so a status
    notification never arrives for an unknown request), send, record how it ended."""

    def __init__(
        self,
        store: FirmwareStore,
        sender: CommandSender,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._store = store
        self._sender = sender
        self._clock = clock

    async def update(
        self, station_id: str, order: UpdateOrder, timeout: float | None = None
    ) -> UpdateOutcome:
        """Run the update on `station_id`."""
        recorded = order.recorded(self._clock())
        request_id = await self._store.open_update(station_id, recorded)
        if request_id is None:
            return UpdateOutcome(None)
        payload = codec.encode(order.with_id(request_id))
        outcome = await self._sender.send(station_id, "UpdateFirmware", payload, timeout)
        result = typed(outcome, call_result.UpdateFirmware)
        failure = _failure(result)
        if failure is not None:
            now = self._clock()
            await self._store.record_update_answer(station_id, request_id, failure, now, recorded)
        update = await self._store.firmware_update(station_id, request_id)
        return UpdateOutcome(request_id, result, update)


@dataclass(frozen=True, slots=True)
class PublishOutcome:
    """How a PublishFirmware went (no `request_id` for an unknown station)."""

    request_id: int | None
    result: CommandResult[call_result.PublishFirmware] | None = None
    publication: PublicationView | None = None


class FirmwarePublications:
    """L03: allocate a requestId, record the PublishFirmware before sending, send, record."""

    def __init__(
        self,
        store: FirmwareStore,
        sender: CommandSender,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._store = store
        self._sender = sender
        self._clock = clock

    async def publish(
        self,
        station_id: str,
        request: call.PublishFirmware,
        firmware_id: int | None = None,
        timeout: float | None = None,
    ) -> PublishOutcome:
        """Run the PublishFirmware on the local controller `station_id`."""
        recorded = publish_request(request, self._clock(), firmware_id)
        request_id = await self._store.open_publication(station_id, recorded)
        if request_id is None:
            return PublishOutcome(None)
        payload = codec.encode(replace(request, request_id=request_id))
        outcome = await self._sender.send(station_id, "PublishFirmware", payload, timeout)
        result = typed(outcome, call_result.PublishFirmware)
        failure = _failure(result)
        if failure is not None:
            now = self._clock()
            await self._store.record_publish_answer(station_id, request_id, failure, now, recorded)
        publication = await self._store.publication(station_id, request_id)
        return PublishOutcome(request_id, result, publication)


class FirmwareResults(OnStore[FirmwareStore]):
    """The UpdateFirmware, PublishFirmware and UnpublishFirmware result handlers."""

    async def update_firmware_result(
        self,
        ctx: HandlerContext,
        request: call.UpdateFirmware,
        response: call_result.UpdateFirmware,
    ) -> None:
        """L01/L02: store the station's answer on the update; AcceptedCanceled (L01.FR.24)
        marks the station's earlier unfinished updates as superseded; emit
        FIRMWARE_UPDATE_ANSWERED."""
        answer = answer_fields(response)
        await self._store.record_update_answer(
            ctx.station_id,
            request.request_id,
            Answer(outcome=Outcome.RESULT.value, **answer),
            ctx.now,
            update_request(request, ctx.now),
        )
        if response.status is enums.UpdateFirmwareStatusEnumType.accepted_canceled:
            await self._store.supersede_updates(ctx.station_id, request.request_id)
        ctx.emit(
            FirmwareUpdateAnswered(
                **ctx.origin,
                request_id=request.request_id,
                location=request.firmware.location,
                signed=request.firmware.signature is not None,
                **answer,
            )
        )

    async def publish_firmware_result(
        self,
        ctx: HandlerContext,
        request: call.PublishFirmware,
        response: call_result.PublishFirmware,
    ) -> None:
        """L03.FR.05: store the local controller's answer; emit FIRMWARE_PUBLISH_ANSWERED."""
        answer = answer_fields(response)
        await self._store.record_publish_answer(
            ctx.station_id,
            request.request_id,
            Answer(outcome=Outcome.RESULT.value, **answer),
            ctx.now,
            publish_request(request, ctx.now),
        )
        ctx.emit(
            FirmwarePublishAnswered(
                **ctx.origin,
                request_id=request.request_id,
                location=request.location,
                checksum=request.checksum,
                **answer,
            )
        )

    async def unpublish_firmware_result(
        self,
        ctx: HandlerContext,
        request: call.UnpublishFirmware,
        response: call_result.UnpublishFirmware,
    ) -> None:
        """L04: store the answer on the controller's publications of that checksum (L04.FR.02
        Unpublished, L04.FR.03 NoFirmware, L04.FR.04 DownloadOngoing); emit
        FIRMWARE_UNPUBLISH_ANSWERED."""
        status = response.status.value
        await self._store.record_unpublish(ctx.station_id, request.checksum, status, ctx.now)
        ctx.emit(FirmwareUnpublishAnswered(**ctx.origin, checksum=request.checksum, status=status))
