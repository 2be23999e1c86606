"""Provisioning handlers: typed request in, typed response out, inside one transaction."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from infra.db.models import NetworkProfile
from modules.kernel import codec
from modules.kernel.routing import HandlerContext
from modules.kernel.timefmt import ocpp_datetime, parse_ocpp_datetime
from modules.provisioning import events, station_rows
from modules.provisioning.config import ProvisioningConfig
from modules.provisioning.policy import ConfigurationState, StationPolicy, decide_boot
from modules.provisioning.presence import LastSeenBuffer


class ProvisioningHandlers:
    """Handlers bound to the module's configuration."""

    def __init__(self, config: ProvisioningConfig, presence: LastSeenBuffer) -> None:
        self._config = config
        self._presence = presence

    async def boot_notification(
        self, ctx: HandlerContext, request: call.BootNotification
    ) -> call_result.BootNotification:
        """B01-B03: record what the station says it is; answer with its registration status."""
        inputs = await station_rows.boot_inputs(ctx.station_id)
        state = ConfigurationState.NONE
        if inputs.has_configuration:
            applied = inputs.configuration_applied
            state = ConfigurationState.APPLIED if applied else ConfigurationState.PENDING
        decision = decide_boot(
            StationPolicy(inputs.policy_status, inputs.policy_interval)
            if inputs.has_policy
            else None,
            self._config.default_registration_status,
            self._config.heartbeat_interval,
            self._config.boot_retry_interval,
            state,
        )
        described = request.charging_station
        await station_rows.upsert_station(
            ctx.station_id,
            ctx.now,
            {
                "vendor_name": described.vendor_name,
                "model": described.model,
                "serial_number": described.serial_number,
                "firmware_version": described.firmware_version,
                "modem_iccid": described.modem.iccid if described.modem else None,
                "modem_imsi": described.modem.imsi if described.modem else None,
                "registration_status": decision.status.value,
                "last_boot_at": ctx.now,
                "last_boot_reason": request.reason.value,
                "last_seen_at": ctx.now,
            },
        )
        await station_rows.record_boot(
            {
                "station_id": ctx.station_id,
                "booted_at": ctx.now,
                "reason": request.reason.value,
                "vendor_name": described.vendor_name,
                "model": described.model,
                "firmware_version": described.firmware_version,
                "status": decision.status.value,
                "interval": decision.interval,
            }
        )
        ctx.emit(
            events.Booted(
                station_id=ctx.station_id,
                occurred_at=ctx.now,
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
        """G01: store the connector's status; emit STATUS_CHANGED when it changed."""
        status = request.connector_status.value
        previous = await station_rows.store_connector_status(
            ctx.station_id,
            request.evse_id,
            request.connector_id,
            status,
            parse_ocpp_datetime(request.timestamp),
            ctx.now,
        )
        self._presence.note(ctx.station_id, ctx.now)
        if previous != status:
            ctx.emit(
                events.StatusChanged(
                    station_id=ctx.station_id,
                    occurred_at=ctx.now,
                    evse_id=request.evse_id,
                    connector_id=request.connector_id,
                    status=status,
                    previous_status=previous,
                    timestamp=request.timestamp,
                )
            )
        return call_result.StatusNotification()

    async def set_network_profile_result(
        self,
        ctx: HandlerContext,
        request: call.SetNetworkProfile,
        response: call_result.SetNetworkProfile,
    ) -> None:
        """B09: a slot the station accepted now holds the profile sent."""
        status = getattr(response.status, "value", response.status)
        if status != "Accepted":
            return
        data = request.connection_data
        connection_data = data if isinstance(data, dict) else codec.encode(data)
        await NetworkProfile.update_or_create(
            defaults={
                "connection_data": connection_data,
                "status": status,
                "updated_at": ctx.now,
            },
            station_id=ctx.station_id,
            configuration_slot=request.configuration_slot,
        )
        ctx.emit(
            events.NetworkProfileSet(
                station_id=ctx.station_id,
                occurred_at=ctx.now,
                configuration_slot=request.configuration_slot,
                status=status,
            )
        )

    async def connected(self, ctx: HandlerContext) -> None:
        """The station's websocket opened on `ctx.node_id`."""
        await station_rows.upsert_station(
            ctx.station_id,
            ctx.now,
            {
                "online": True,
                "connected_node": ctx.node_id,
                "connection_id": ctx.connection_id,
                "last_seen_at": ctx.now,
            },
        )
        ctx.emit(
            events.Connected(station_id=ctx.station_id, occurred_at=ctx.now, node_id=ctx.node_id)
        )

    async def disconnected(self, ctx: HandlerContext) -> None:
        """The websocket closed; ignored if a newer connection has replaced it."""
        if await station_rows.mark_disconnected(ctx.station_id, ctx.connection_id, ctx.now):
            ctx.emit(
                events.Disconnected(
                    station_id=ctx.station_id, occurred_at=ctx.now, node_id=ctx.node_id
                )
            )
