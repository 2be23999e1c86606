"""Provisioning handlers: typed request in, typed response out, inside one transaction
(Heartbeat: none; its last-seen time goes to the buffer). BootNotification, StatusNotification
and connect/disconnect are the hottest paths of the system: each is the store's hand-written
statements and nothing more."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.kernel.routing import HandlerContext
from modules.kernel.timefmt import ocpp_datetime, parse_ocpp_datetime
from modules.provisioning import events
from modules.provisioning.config import ProvisioningConfig
from modules.provisioning.policy import (
    StationPolicy,
    check_connector_address,
    configuration_state,
    decide_boot,
    heartbeat_changes,
)
from modules.provisioning.ports import HeartbeatAdopter
from modules.provisioning.presence import LastSeenBuffer
from modules.provisioning.records import Boot, ConnectorRecord
from modules.provisioning.store import ProvisioningStore


class ProvisioningHandlers:
    """Handlers bound to the module's configuration, its store and the last-seen buffer."""

    def __init__(
        self,
        config: ProvisioningConfig,
        store: ProvisioningStore,
        presence: LastSeenBuffer,
        adopt_heartbeat: HeartbeatAdopter | None = None,
    ) -> None:
        self._config = config
        self._store = store
        self._presence = presence
        self._adopt_heartbeat = adopt_heartbeat

    async def boot_notification(
        self, ctx: HandlerContext, request: call.BootNotification
    ) -> call_result.BootNotification:
        """B01-B03: record what the station says it is; answer with its registration status.
        Accepted carries the heartbeat interval the CSMS set for the station (B05), else the
        fleet's; the station's stored HeartbeatInterval then says what it uses (B01.FR.04)."""
        inputs = await self._store.boot_inputs(ctx.station_id)
        state = configuration_state(inputs.has_configuration, inputs.configuration_applied)
        decision = decide_boot(
            StationPolicy(inputs.policy_status, inputs.policy_interval)
            if inputs.has_policy
            else None,
            self._config.default_registration_status,
            inputs.heartbeat_interval or self._config.heartbeat_interval,
            self._config.boot_retry_interval,
            state,
        )
        if self._adopt_heartbeat is not None and heartbeat_changes(
            decision, inputs.reported_heartbeat_interval
        ):
            await self._adopt_heartbeat(ctx.station_id, decision.interval, ctx.now)
        described = request.charging_station
        modem = described.modem
        await self._store.record_boot(
            Boot(
                station_id=ctx.station_id,
                at=ctx.now,
                reason=request.reason.value,
                vendor_name=described.vendor_name,
                model=described.model,
                status=decision.status.value,
                interval=decision.interval,
                serial_number=described.serial_number,
                firmware_version=described.firmware_version,
                modem_iccid=modem.iccid if modem else None,
                modem_imsi=modem.imsi if modem else None,
            )
        )
        ctx.emit(
            events.Booted(
                **ctx.origin,
                reason=request.reason.value,
                registration_status=decision.status.value,
                vendor_name=described.vendor_name,
                model=described.model,
                firmware_version=described.firmware_version,
                configure=decision.configure,
            )
        )
        return call_result.BootNotification(
            current_time=ocpp_datetime(ctx.now), interval=decision.interval, status=decision.status
        )

    async def heartbeat(
        self, ctx: HandlerContext, request: call.Heartbeat
    ) -> call_result.Heartbeat:
        """G02: tell the station the time; note that it is alive (written in batches)."""
        self._presence.note(ctx.station_id, ctx.now)
        return call_result.Heartbeat(current_time=ocpp_datetime(ctx.now))

    async def status_notification(
        self, ctx: HandlerContext, request: call.StatusNotification
    ) -> call_result.StatusNotification:
        """G01: store the connector's status; emit STATUS_CHANGED when it changed. An EVSE or
        connector id that cannot exist (<= 0) is answered PropertyConstraintViolation."""
        check_connector_address(request.evse_id, request.connector_id)
        status = request.connector_status.value
        reported = ConnectorRecord(
            ctx.station_id,
            request.evse_id,
            request.connector_id,
            status,
            parse_ocpp_datetime(request.timestamp),
        )
        previous = await self._store.store_connector_status(reported, ctx.now)
        self._presence.note(ctx.station_id, ctx.now)
        if previous != status:
            ctx.emit(
                events.StatusChanged(
                    **ctx.origin,
                    evse_id=request.evse_id,
                    connector_id=request.connector_id,
                    status=status,
                    previous_status=previous,
                    timestamp=request.timestamp,
                )
            )
        return call_result.StatusNotification()

    async def connected(self, ctx: HandlerContext) -> None:
        """The station's websocket opened on `ctx.node_id`."""
        await self._store.mark_connected(ctx.station_id, ctx.node_id, ctx.connection_id, ctx.now)
        ctx.emit(events.Connected(**ctx.origin, node_id=ctx.node_id))

    async def disconnected(self, ctx: HandlerContext) -> None:
        """The websocket closed; ignored if a newer connection has replaced it."""
        if await self._store.mark_disconnected(ctx.station_id, ctx.connection_id, ctx.now):
            ctx.emit(events.Disconnected(**ctx.origin, node_id=ctx.node_id))
