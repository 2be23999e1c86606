"""Smart-charging test data and round trips: the GraphQL documents, a profile input, a
station's ChargingProfileType, its SmartChargingCtrlr report, a running transaction, and
reading a station's profiles."""

from __future__ import annotations

from typing import Any

from tests.support.device_model import notify_report
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation
from tests.support.transactions import id_token, ocpp_time

PROFILE_FIELDS = """
  stationId evseId profileId stackLevel purpose kind recurrencyKind validFrom validTo
  transactionId remoteStartId chargingLimitSource presence status statusReason outcome
  errorCode reportedRequestId
  schedules { id chargingRateUnit startSchedule duration
              periods { startPeriod limit numberPhases phaseToUse } }
"""

SET = f"""
mutation($station: ID!, $evse: Int!, $profile: ChargingProfileInput!, $timeout: Float) {{
  setChargingProfile(stationId: $station, evseId: $evse, profile: $profile,
                     timeoutSeconds: $timeout) {{
    outcome profileId status statusInfo {{ reasonCode additionalInfo }}
    errorCode errorDescription
    profile {{ {PROFILE_FIELDS} }}
  }}
}}
"""

CLEAR = f"""
mutation($station: ID!, $id: Int, $criteria: ClearChargingProfileCriteriaInput,
         $timeout: Float) {{
  clearChargingProfile(stationId: $station, chargingProfileId: $id, criteria: $criteria,
                       timeoutSeconds: $timeout) {{
    outcome status statusInfo {{ reasonCode }} errorCode
    profiles {{ {PROFILE_FIELDS} }}
  }}
}}
"""

GET = """
mutation($station: ID!, $criteria: ChargingProfileCriteriaInput!, $evse: Int,
         $timeout: Float) {
  getChargingProfiles(stationId: $station, criteria: $criteria, evseId: $evse,
                      timeoutSeconds: $timeout) {
    outcome requestId status statusInfo { reasonCode } errorCode
    request { requestId evseId criteria status completed parts profiles }
  }
}
"""

COMPOSITE = """
mutation($station: ID!, $evse: Int!, $duration: Int!, $unit: ChargingRateUnit,
         $timeout: Float) {
  getCompositeSchedule(stationId: $station, evseId: $evse, duration: $duration,
                       chargingRateUnit: $unit, timeoutSeconds: $timeout) {
    outcome status statusInfo { reasonCode } errorCode
    composite { evseId duration chargingRateUnit status statusReason schedule }
  }
}
"""

PROFILES = f"""
query($station: ID!, $presence: [ChargingProfilePresence!]) {{
  chargingProfiles(stationId: $station, presence: $presence) {{ {PROFILE_FIELDS} }}
}}
"""

REQUEST = """
query($station: ID!, $id: Int!) {
  chargingProfileRequest(stationId: $station, requestId: $id) {
    requestId status completed parts profiles completedAt
  }
}
"""

STATION_VIEW = f"""
query($station: ID!, $tx: String!) {{
  transactionChargingProfiles(stationId: $station, transactionId: $tx) {{ {PROFILE_FIELDS} }}
  compositeSchedules(stationId: $station) {{ evseId duration status schedule }}
  chargingLimits(stationId: $station) {{
    evseId source isGridCritical clearedAt
    schedules {{ id chargingRateUnit periods {{ startPeriod limit }} }}
  }}
  evChargingNeeds(stationId: $station) {{
    evseId needs energyTransfer departureTime energyAmount maxScheduleTuples transactionId
    status offeredProfileId offerStatus offerProblem
  }}
  evChargingSchedules(stationId: $station) {{
    evseId timeBase schedule {{ id chargingRateUnit periods {{ startPeriod limit }} }}
  }}
}}
"""

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"


def schedule_input(*limits: tuple[int, float], **fields: Any) -> dict[str, Any]:
    """A ChargingScheduleInput in A with periods (startPeriod, limit) (one at 0, 16 A)."""
    periods = [{"startPeriod": start, "limit": limit} for start, limit in limits or ((0, 16),)]
    return {"id": 1, "chargingRateUnit": "A", "periods": periods, **fields}


def profile_input(**fields: Any) -> dict[str, Any]:
    """A ChargingProfileInput: a Relative TxDefaultProfile at stack level 0, one schedule;
    `fields` add or replace (camelCase)."""
    return {
        "stackLevel": 0,
        "purpose": "TxDefaultProfile",
        "kind": "Relative",
        "schedules": [schedule_input()],
        **fields,
    }


def station_profile(profile_id: int, **fields: Any) -> dict[str, Any]:
    """A ChargingProfileType as a station reports it: a Relative TxDefaultProfile, 16 A."""
    return {
        "id": profile_id,
        "stackLevel": 0,
        "chargingProfilePurpose": "TxDefaultProfile",
        "chargingProfileKind": "Relative",
        "chargingSchedule": [
            {
                "id": 1,
                "chargingRateUnit": "A",
                "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16.0}],
            }
        ],
        **fields,
    }


def controller_variable(
    variable: str, value: str, instance: str | None = None, evse_id: int | None = None
) -> dict[str, Any]:
    """One NotifyReport reportData entry of SmartChargingCtrlr."""
    component: dict[str, Any] = {"name": "SmartChargingCtrlr"}
    if evse_id is not None:
        component["evse"] = {"id": evse_id}
    name: dict[str, Any] = {"name": variable}
    if instance is not None:
        name["instance"] = instance
    return {
        "component": component,
        "variable": name,
        "variableAttribute": [{"type": "Actual", "value": value, "mutability": "ReadOnly"}],
        "variableCharacteristics": {"dataType": "string", "supportsMonitoring": False},
    }


async def report_smart_charging(station: ScriptedStation, **values: str) -> None:
    """The station reports SmartChargingCtrlr variables (a NotifyReport of its own, request
    900); `Entries` is reported with instance ChargingProfiles."""
    items = [
        controller_variable(name, value, "ChargingProfiles" if name == "Entries" else None)
        for name, value in values.items()
    ]
    answer = await station.call("NotifyReport", notify_report(900, 0, False, items))
    assert answer[0] == 3, answer


async def start_transaction(
    station: ScriptedStation, transaction_id: str, evse_id: int = 1, **info: Any
) -> None:
    """A TransactionEvent Started of `transaction_id` on the EVSE's connector 1."""
    payload = {
        "eventType": "Started",
        "timestamp": ocpp_time(),
        "triggerReason": "Authorized",
        "seqNo": 0,
        "transactionInfo": {"transactionId": transaction_id, **info},
        "evse": {"id": evse_id, "connectorId": 1},
        "idToken": id_token("TOKEN-1"),
    }
    answer = await station.call("TransactionEvent", payload)
    assert answer[0] == 3, answer


async def set_profile(
    node: RunningNode,
    station: ScriptedStation,
    profile: dict[str, Any],
    answer: dict[str, Any],
    evse_id: int = 1,
) -> tuple[list[Any], dict[str, Any]]:
    """Run setChargingProfile; the station answers `answer`. Returns its CALL and the result."""
    variables = {"station": station.station_id, "evse": evse_id, "profile": profile}
    call, data = await node.run_answered(station, SET, variables, "SetChargingProfile", answer)
    return call, data["setChargingProfile"]


async def profiles_of(node: RunningNode, station_id: str) -> dict[int, dict[str, Any]]:
    """The station's charging profiles as the CSMS knows them, by id."""
    data = await node.graphql.data(PROFILES, {"station": station_id})
    return {row["profileId"]: row for row in data["chargingProfiles"]}


async def refused(
    node: RunningNode, station_id: str, profile: dict[str, Any], evse_id: int = 1
) -> dict[str, Any]:
    """The one GraphQL error of a setChargingProfile the CSMS refuses before sending."""
    variables = {"station": station_id, "evse": evse_id, "profile": profile}
    body = await node.graphql.execute(SET, variables)
    assert body["data"] is None, body
    (error,) = body["errors"]
    return dict(error)
