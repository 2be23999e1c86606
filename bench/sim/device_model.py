"""A small OCPP 2.0.1 device model: a template shared by the fleet, overrides per station.

Variables are addressed by (component, evse, connector, variable, variable instance), names
compared case-insensitively as the specification asks. The template is built once per run
(it depends only on the EVSE layout and the configured intervals); a station only stores the
values it changed, so ten thousand stations share one template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Key = tuple[str, int, int, str, str]
Payload = dict[str, Any]

ITEMS_PER_REPORT = 4


@dataclass(frozen=True, slots=True)
class Variable:
    """One variable of one component, with its Actual attribute."""

    component: str
    name: str
    value: str
    data_type: str = "string"
    mutability: str = "ReadOnly"
    evse: int = 0
    connector: int = 0
    instance: str = ""
    unit: str | None = None

    @property
    def key(self) -> Key:
        """The lookup key (lower-case names, 0 = no EVSE / connector, '' = no instance)."""
        return (
            self.component.lower(),
            self.evse,
            self.connector,
            self.name.lower(),
            self.instance.lower(),
        )

    def component_json(self) -> Payload:
        """ComponentType."""
        component: Payload = {"name": self.component}
        if self.evse:
            evse: Payload = {"id": self.evse}
            if self.connector:
                evse["connectorId"] = self.connector
            component["evse"] = evse
        return component

    def variable_json(self) -> Payload:
        """VariableType."""
        variable: Payload = {"name": self.name}
        if self.instance:
            variable["instance"] = self.instance
        return variable


def key_of(component: Payload, variable: Payload) -> Key:
    """The lookup key of a ComponentType / VariableType pair from a CSMS request."""
    evse = component.get("evse") or {}
    return (
        str(component["name"]).lower(),
        int(evse.get("id", 0)),
        int(evse.get("connectorId", 0)),
        str(variable["name"]).lower(),
        str(variable.get("instance", "")).lower(),
    )


def build_template(
    evses: int,
    connectors_per_evse: int,
    vendor: str,
    model: str,
    heartbeat_interval: int,
    meter_interval: int,
) -> dict[Key, Variable]:
    """The variables every simulated station has, keyed for lookup."""
    rw = "ReadWrite"
    variables = [
        Variable("ChargingStation", "VendorName", vendor),
        Variable("ChargingStation", "Model", model),
        Variable("ChargingStation", "AvailabilityState", "Available"),
        Variable("ChargingStation", "Available", "true", "boolean"),
        Variable(
            "OCPPCommCtrlr", "HeartbeatInterval", str(heartbeat_interval), "integer", rw, unit="s"
        ),
        Variable(
            "OCPPCommCtrlr", "MessageTimeout", "30", "integer", rw, instance="Default", unit="s"
        ),
        Variable(
            "SampledDataCtrlr", "TxUpdatedInterval", str(meter_interval), "integer", rw, unit="s"
        ),
        Variable(
            "SampledDataCtrlr",
            "TxUpdatedMeasurands",
            "Energy.Active.Import.Register",
            "MemberList",
            rw,
        ),
        Variable("AuthCtrlr", "AuthorizeRemoteStart", "false", "boolean", rw),
        Variable("AuthCtrlr", "LocalPreAuthorize", "false", "boolean", rw),
        Variable("TxCtrlr", "EVConnectionTimeOut", "60", "integer", rw, unit="s"),
        Variable("TxCtrlr", "TxStartPoint", "Authorized", "MemberList", rw),
        Variable("TxCtrlr", "TxStopPoint", "Authorized", "MemberList", rw),
        Variable(
            "DeviceDataCtrlr",
            "ItemsPerMessage",
            str(ITEMS_PER_REPORT),
            "integer",
            instance="GetReport",
        ),
        Variable("DeviceDataCtrlr", "ItemsPerMessage", "16", "integer", instance="GetVariables"),
        Variable("SecurityCtrlr", "SecurityProfile", "1", "integer"),
    ]
    for evse in range(1, evses + 1):
        variables.append(Variable("EVSE", "AvailabilityState", "Available", evse=evse))
        variables.append(Variable("EVSE", "Power", "11000", "decimal", evse=evse, unit="W"))
        for connector in range(1, connectors_per_evse + 1):
            variables.append(
                Variable(
                    "Connector", "AvailabilityState", "Available", evse=evse, connector=connector
                )
            )
            variables.append(
                Variable("Connector", "ConnectorType", "cType2", evse=evse, connector=connector)
            )
    return {v.key: v for v in variables}


def report_data(variable: Variable, value: str) -> Payload:
    """ReportDataType for one variable and its current value."""
    characteristics: Payload = {"dataType": variable.data_type, "supportsMonitoring": False}
    if variable.unit:
        characteristics["unit"] = variable.unit
    return {
        "component": variable.component_json(),
        "variable": variable.variable_json(),
        "variableAttribute": [
            {"type": "Actual", "value": value, "mutability": variable.mutability}
        ],
        "variableCharacteristics": characteristics,
    }


class DeviceModel:
    """One station's view of the shared template plus the values it changed."""

    __slots__ = ("_overrides", "template")

    def __init__(
        self, template: dict[Key, Variable], overrides: dict[Key, str] | None = None
    ) -> None:
        self.template = template
        self._overrides: dict[Key, str] = overrides or {}

    def value(self, key: Key) -> str | None:
        """The current value of a variable, or None when the station does not have it."""
        value = self._overrides.get(key)
        if value is not None:
            return value
        variable = self.template.get(key)
        return variable.value if variable is not None else None

    def set(self, key: Key, value: str) -> None:
        """Store a value (the station accepts variables it did not know about)."""
        self._overrides[key] = value

    def has_component(self, name: str, evse: int = 0, connector: int = 0) -> bool:
        """Whether any variable of the component exists (or was set)."""
        name = name.lower()
        return any(
            k[0] == name and k[1] == evse and k[2] == connector
            for k in (*self.template, *self._overrides)
        )

    def get_variable(self, item: Payload) -> Payload:
        """GetVariableResultType for one GetVariableDataType."""
        result, attribute, key = _result_for(item)
        value = self.value(key)
        if value is None:
            known = self.has_component(item["component"]["name"], key[1], key[2])
            result["attributeStatus"] = "UnknownVariable" if known else "UnknownComponent"
        elif attribute not in (None, "Actual"):
            result["attributeStatus"] = "NotSupportedAttributeType"
        else:
            result["attributeStatus"] = "Accepted"
            result["attributeValue"] = value
        return result

    def set_variable(self, item: Payload) -> Payload:
        """SetVariableResultType for one SetVariableDataType: Accepted unless read-only."""
        result, attribute, key = _result_for(item)
        known = self.template.get(key)
        if attribute not in (None, "Actual"):
            result["attributeStatus"] = "NotSupportedAttributeType"
        elif known is not None and known.mutability == "ReadOnly":
            result["attributeStatus"] = "Rejected"
        else:
            self.set(key, str(item["attributeValue"]))
            result["attributeStatus"] = "Accepted"
        return result

    def report(self, report_base: str) -> list[Payload]:
        """ReportDataType entries for a GetBaseReport of the given base."""
        chosen = [
            v
            for v in self.template.values()
            if report_base == "FullInventory"
            or (report_base == "ConfigurationInventory" and v.mutability == "ReadWrite")
            or (report_base == "SummaryInventory" and v.name == "AvailabilityState")
        ]
        return [report_data(v, self.value(v.key) or v.value) for v in chosen]

    def custom_report(self, request: Payload) -> list[Payload]:
        """ReportDataType entries for a GetReport, filtered by its componentVariable list."""
        # Criteria: Active/Available/Enabled match every component, Problem alone matches none.
        criteria = request.get("componentCriteria")
        if criteria and all(c == "Problem" for c in criteria):
            return []
        wanted = request.get("componentVariable")
        chosen = [
            v for v in self.template.values() if not wanted or any(_matches(v, w) for w in wanted)
        ]
        return [report_data(v, self.value(v.key) or v.value) for v in chosen]


def _result_for(item: Payload) -> tuple[Payload, Any, Key]:
    """The start of the answer to a Get/SetVariableDataType (its component and variable, and
    the attribute type when one was asked for), that attribute type, and the lookup key."""
    component, variable = item["component"], item["variable"]
    result: Payload = {"component": component, "variable": variable}
    attribute = item.get("attributeType")
    if attribute is not None:
        result["attributeType"] = attribute
    return result, attribute, key_of(component, variable)


def _matches(variable: Variable, wanted: Payload) -> bool:
    component = wanted["component"]
    if str(component["name"]).lower() != variable.component.lower():
        return False
    evse = component.get("evse")
    if evse is not None and (
        evse["id"] != variable.evse
        or ("connectorId" in evse and evse["connectorId"] != variable.connector)
    ):
        return False
    if component.get("instance"):
        return False
    wanted_variable = wanted.get("variable")
    if wanted_variable is None:
        return True
    same_name = str(wanted_variable["name"]).lower() == variable.name.lower()
    return (
        same_name and str(wanted_variable.get("instance", "")).lower() == variable.instance.lower()
    )


def chunks(entries: list[Payload], size: int = ITEMS_PER_REPORT) -> list[list[Payload]]:
    """Split report entries into NotifyReport parts of at most `size` items."""
    return [entries[i : i + size] for i in range(0, len(entries), size)]
