"""GraphQL inputs of the device-model commands, and their OCPP payloads."""

from __future__ import annotations

from typing import Any

import strawberry

from graphql_schema.device_model_enums import AttributeTypeEnum
from modules.device_model.identity import VariableRef


class DeviceModelInputError(ValueError):
    """A device-model mutation argument that cannot be used; the message says why."""


@strawberry.input(description="A component-variable and the attribute to read.")
class GetVariableInput:
    """One GetVariables item."""

    component: str
    variable: str
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None
    attribute_type: AttributeTypeEnum | None = None


@strawberry.input(description="A component-variable, the attribute to write and its value.")
class SetVariableInput:
    """One SetVariables item."""

    component: str
    variable: str
    value: str
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None
    attribute_type: AttributeTypeEnum | None = None


@strawberry.input(description="A component, optionally one of its variables, for GetReport.")
class ReportComponentVariableInput:
    """One GetReport componentVariable."""

    component: str
    variable: str | None = None
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None


def _ref(
    where: str,
    component: str,
    variable: str,
    component_instance: str | None,
    evse_id: int | None,
    connector_id: int | None,
    variable_instance: str | None,
) -> VariableRef:
    if connector_id is not None and evse_id is None:
        raise DeviceModelInputError(f"{where}: connectorId needs evseId")
    return VariableRef(
        component, variable, component_instance, evse_id, connector_id, variable_instance
    )


def get_variables_payload(items: list[GetVariableInput]) -> dict[str, Any]:
    """The GetVariablesRequest payload."""
    data: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        ref = _ref(
            f"items[{index}]",
            item.component,
            item.variable,
            item.component_instance,
            item.evse_id,
            item.connector_id,
            item.variable_instance,
        )
        entry: dict[str, Any] = {
            "component": ref.component_payload(),
            "variable": ref.variable_payload(),
        }
        if item.attribute_type is not None:
            entry["attributeType"] = item.attribute_type.value
        data.append(entry)
    return {"getVariableData": data}


def set_variables_payload(items: list[SetVariableInput]) -> dict[str, Any]:
    """The SetVariablesRequest payload."""
    data: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        ref = _ref(
            f"items[{index}]",
            item.component,
            item.variable,
            item.component_instance,
            item.evse_id,
            item.connector_id,
            item.variable_instance,
        )
        entry: dict[str, Any] = {
            "attributeValue": item.value,
            "component": ref.component_payload(),
            "variable": ref.variable_payload(),
        }
        if item.attribute_type is not None:
            entry["attributeType"] = item.attribute_type.value
        data.append(entry)
    return {"setVariableData": data}


def component_variables_payload(
    items: list[ReportComponentVariableInput],
) -> list[dict[str, Any]]:
    """GetReportRequest.componentVariable entries."""
    entries: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        ref = _ref(
            f"componentVariables[{index}]",
            item.component,
            item.variable or "",
            item.component_instance,
            item.evse_id,
            item.connector_id,
            item.variable_instance,
        )
        if item.variable is None and item.variable_instance is not None:
            raise DeviceModelInputError(
                f"componentVariables[{index}]: variableInstance needs variable"
            )
        entry: dict[str, Any] = {"component": ref.component_payload()}
        if item.variable is not None:
            entry["variable"] = ref.variable_payload()
        entries.append(entry)
    return entries
