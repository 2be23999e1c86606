"""Tariff mutations (block I): create, update, delete and assign tariffs; CostUpdated (I02);
the TariffCostCtrlr fallback texts set on a station by SetVariables (I04.FR.02, I05.FR.01),
whose accepted values the device model records."""

from __future__ import annotations

from decimal import Decimal

import strawberry
from ocpp.v201 import call_result

from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.fields import mutation
from graphql_schema.tariffs.types import (
    CostUpdatedResult,
    FallbackMessageResult,
    TariffFallbackMessagesResult,
    TariffInput,
    TariffPlaceType,
    TariffType,
)
from modules import tariffs
from modules.tariffs import Assignment, TariffAdmin


@strawberry.type
class TariffsMutation:
    """Block I: tariffs, CostUpdated, fallback texts."""

    @mutation("Create a tariff (revision 1).")
    async def create_tariff(self, admin: TariffAdmin, input: TariffInput) -> TariffType:
        """Store a new tariff."""
        return TariffType.of(await admin.create(input.spec()))

    @mutation(
        "Replace a tariff's definition (its revision grows); transactions priced with it are "
        "priced with the new one from their next event, which carries its new text (I06)."
    )
    async def update_tariff(self, admin: TariffAdmin, id: int, input: TariffInput) -> TariffType:
        """Update a tariff."""
        return TariffType.of(await admin.update(id, input.spec()))

    @mutation("Delete a tariff and its assignments; false when there was none.")
    async def delete_tariff(self, admin: TariffAdmin, id: int) -> bool:
        """Delete a tariff."""
        return await admin.delete(id)

    @mutation(
        "Make a tariff the one of a place: an id token or group id token (idToken), an EVSE "
        "(stationId, evseId), a station (stationId), or the default (none). A driver gets "
        "the tariff of their id token, else their group's, else the EVSE's, the station's, "
        "the default."
    )
    async def assign_tariff(
        self,
        admin: TariffAdmin,
        tariff_id: int,
        station_id: str | None = None,
        evse_id: int | None = None,
        id_token: str | None = None,
    ) -> TariffPlaceType:
        """Assign a tariff."""
        place = Assignment(station_id=station_id, evse_id=evse_id, id_token=id_token)
        return TariffPlaceType.of(await admin.assign(tariff_id, place))

    @mutation("Remove the tariff of a place (as assignTariff names it); false when none.")
    async def unassign_tariff(
        self,
        admin: TariffAdmin,
        station_id: str | None = None,
        evse_id: int | None = None,
        id_token: str | None = None,
    ) -> bool:
        """Unassign a place."""
        place = Assignment(station_id=station_id, evse_id=evse_id, id_token=id_token)
        return await admin.unassign(place)

    @mutation("I02: tell the station a transaction's running total cost (CostUpdated).")
    async def cost_updated(
        self, call: StationCall, transaction_id: str, total_cost: Decimal
    ) -> CostUpdatedResult:
        """I02: send CostUpdated."""
        request = tariffs.cost_updated(transaction_id, total_cost)
        result = await call.send(request, call_result.CostUpdated)
        return CostUpdatedResult(**commands.call_fields(result))

    @mutation(
        "I04.FR.02/I05.FR.01: set the station's TariffCostCtrlr TariffFallbackMessage and/or "
        "TotalCostFallbackMessage (SetVariables; at most 255 characters each)."
    )
    async def set_tariff_fallback_messages(
        self,
        call: StationCall,
        tariff_fallback_message: str | None = None,
        total_cost_fallback_message: str | None = None,
    ) -> TariffFallbackMessagesResult:
        """Send SetVariables with the given texts."""
        request = tariffs.fallback_messages(tariff_fallback_message, total_cost_fallback_message)
        result = await call.send(request, call_result.SetVariables)
        return TariffFallbackMessagesResult(
            **commands.call_fields(result), results=FallbackMessageResult.all_of(result.response)
        )
