"""One part of each multi-part station message, the handler that stores it on the SQL stores,
and what the database holds of it: for tests that send a part twice and expect it stored once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ocpp.v201 import call

from infra.db.models import (
    ChargingProfile,
    ChargingProfileReportPart,
    ChargingProfileRequest,
    CustomerInformationPart,
    DeviceModelReport,
    DeviceModelReportPart,
    DisplayMessagePart,
    DisplayMessageRequest,
    MonitoringReportItem,
    MonitoringReportPart,
    MonitoringReportRequest,
    ReportedDisplayMessage,
    StationEventData,
)
from modules.customer_information import SqlCustomerInformationStore
from modules.customer_information.handlers import CustomerInformationHandlers
from modules.device_model import SqlDeviceModelStore
from modules.device_model.handlers import DeviceModelHandlers
from modules.display_messages import SqlDisplayMessageStore, payloads
from modules.display_messages.handlers import DisplayMessageHandlers
from modules.kernel import codec
from modules.kernel.routing import HandlerContext
from modules.monitoring import SqlMonitoringStore
from modules.monitoring.handlers import MonitoringHandlers
from modules.smart_charging import SqlSmartChargingStore
from modules.smart_charging.handlers import SmartChargingHandlers
from tests.support.device_model import notify_report
from tests.support.monitoring import CONNECTOR_FAULT, EVSE_POWER_MONITORS, TEMPERATURE
from tests.support.monitoring import notify_event as notify_event_part
from tests.support.smart_charging import station_profile

GENERATED_AT = "2026-12-07T10:00:00Z"

Stored = Callable[[str], Awaitable[tuple[int, ...]]]
"""What the database holds of a station's part: row counts and the part counts recorded."""


@dataclass(frozen=True, slots=True)
class PartCase:
    """One action's part, how to handle it on the SQL stores, and what storing it once leaves
    in the database."""

    action: str
    payload: dict[str, Any]
    handle: Callable[[HandlerContext, dict[str, Any]], Awaitable[Any]]
    stored: Stored
    once: tuple[int, ...]


async def _notify_event(ctx: HandlerContext, payload: dict[str, Any]) -> Any:
    request = codec.decode(call.NotifyEvent, payload)
    return await MonitoringHandlers(SqlMonitoringStore()).notify_event(ctx, request)


async def _event_rows(station_id: str) -> tuple[int, ...]:
    return (await StationEventData.filter(station_id=station_id).count(),)


async def _notify_monitoring_report(ctx: HandlerContext, payload: dict[str, Any]) -> Any:
    request = codec.decode(call.NotifyMonitoringReport, payload)
    handlers = MonitoringHandlers(SqlMonitoringStore())
    return await handlers.notify_monitoring_report(ctx, request)


async def _monitoring_rows(station_id: str) -> tuple[int, ...]:
    report = await MonitoringReportRequest.get(station_id=station_id, request_id=7)
    return (
        await MonitoringReportPart.filter(report_id=report.id).count(),
        await MonitoringReportItem.filter(station_id=station_id).count(),
        report.parts,
    )


async def _notify_report(ctx: HandlerContext, payload: dict[str, Any]) -> Any:
    request = codec.decode(call.NotifyReport, payload)
    return await DeviceModelHandlers(SqlDeviceModelStore()).notify_report(ctx, request)


async def _report_rows(station_id: str) -> tuple[int, ...]:
    report = await DeviceModelReport.get(station_id=station_id, request_id=5)
    return (await DeviceModelReportPart.filter(report_id=report.id).count(), report.parts)


async def _notify_customer_information(ctx: HandlerContext, payload: dict[str, Any]) -> Any:
    request = codec.decode(call.NotifyCustomerInformation, payload)
    handlers = CustomerInformationHandlers(SqlCustomerInformationStore())
    return await handlers.notify_customer_information(ctx, request)


async def _information_rows(station_id: str) -> tuple[int, ...]:
    parts = CustomerInformationPart.filter(request__station_id=station_id, request__request_id=3)
    return (await parts.count(),)


async def _notify_display_messages(ctx: HandlerContext, payload: dict[str, Any]) -> Any:
    request = codec.decode(payloads.NotifyDisplayMessages, payload)
    handlers = DisplayMessageHandlers(SqlDisplayMessageStore())
    return await handlers.notify_display_messages(ctx, request)


async def _display_rows(station_id: str) -> tuple[int, ...]:
    request = await DisplayMessageRequest.get(station_id=station_id, request_id=4)
    return (
        await DisplayMessagePart.filter(request_id=request.id).count(),
        await ReportedDisplayMessage.filter(station_id=station_id).count(),
        request.parts,
    )


async def _report_charging_profiles(ctx: HandlerContext, payload: dict[str, Any]) -> Any:
    request = codec.decode(call.ReportChargingProfiles, payload)
    handlers = SmartChargingHandlers(SqlSmartChargingStore())
    return await handlers.report_charging_profiles(ctx, request)


async def _profile_rows(station_id: str) -> tuple[int, ...]:
    request = await ChargingProfileRequest.get(station_id=station_id, request_id=6)
    return (
        await ChargingProfileReportPart.filter(request_id=request.id).count(),
        await ChargingProfile.filter(station_id=station_id).count(),
        request.parts,
        request.profiles,
    )


REPORT_ITEM = {
    "component": {"name": "OCPPCommCtrlr"},
    "variable": {"name": "OfflineThreshold"},
    "variableAttribute": [{"type": "Actual", "value": "300", "mutability": "ReadWrite"}],
}

CASES = (
    PartCase(
        "NotifyEvent",
        notify_event_part(0, False, [CONNECTOR_FAULT, TEMPERATURE]),
        _notify_event,
        _event_rows,
        (2,),
    ),
    PartCase(
        "NotifyMonitoringReport",
        {
            "requestId": 7,
            "seqNo": 0,
            "tbc": False,
            "generatedAt": GENERATED_AT,
            "monitor": [EVSE_POWER_MONITORS],
        },
        _notify_monitoring_report,
        _monitoring_rows,
        (1, 2, 1),
    ),
    PartCase(
        "NotifyReport",
        notify_report(5, 0, False, [REPORT_ITEM]),
        _notify_report,
        _report_rows,
        (1, 1),
    ),
    PartCase(
        "NotifyCustomerInformation",
        {
            "data": "customer 42",
            "tbc": False,
            "seqNo": 0,
            "generatedAt": GENERATED_AT,
            "requestId": 3,
        },
        _notify_customer_information,
        _information_rows,
        (1,),
    ),
    PartCase(
        "NotifyDisplayMessages",
        {
            "requestId": 4,
            "tbc": False,
            "messageInfo": [
                {"id": 1, "priority": "NormalCycle", "message": {"format": "UTF8", "content": "Hi"}}
            ],
        },
        _notify_display_messages,
        _display_rows,
        (1, 1, 1),
    ),
    PartCase(
        "ReportChargingProfiles",
        {
            "requestId": 6,
            "chargingLimitSource": "CSO",
            "evseId": 1,
            "tbc": False,
            "chargingProfile": [station_profile(5)],
        },
        _report_charging_profiles,
        _profile_rows,
        (1, 1, 1, 1),
    ),
)
"""A part of each action that completes its request (or, NotifyEvent, raises an alert), so
storing it emits at least one event."""
