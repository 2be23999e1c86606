"""Records built from other objects (ORM rows, other records): each field of a frozen
dataclass read from the source's attribute of the same name, so a store's mapper names only
what differs (a renamed column, a converted value)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from ocpp.v201 import datatypes

from modules.kernel.dataclass_fields import init_field_names
from modules.kernel.ocpp_parts import evse_ids

R = TypeVar("R")

NO_RENAMES: Mapping[str, str] = {}


def record_of(
    record: type[R], row: object, renamed: Mapping[str, str] = NO_RENAMES, **given: Any
) -> R:
    """`record` from `row` (any object): each field from the attribute `renamed` names for it
    (its own name by default), except the fields `given` explicitly."""
    values = {
        name: getattr(row, renamed.get(name, name))
        for name in init_field_names(record)
        if name not in given
    }
    return record(**values, **given)


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentVariable:
    """A component (name, instance, EVSE, connector) and one of its variables (name,
    instance): the fields several blocks' records share (only the names are required)."""

    component: str
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable: str
    variable_instance: str | None = None


def component_variable(
    component: datatypes.ComponentType, variable: datatypes.VariableType
) -> dict[str, Any]:
    """The `ComponentVariable` fields of an OCPP component and variable, by name."""
    evse_id, connector_id = evse_ids(component.evse)
    return {
        "component": component.name,
        "component_instance": component.instance,
        "evse_id": evse_id,
        "connector_id": connector_id,
        "variable": variable.name,
        "variable_instance": variable.instance,
    }


COMPONENT_VARIABLE_FIELDS = init_field_names(ComponentVariable)
"""The `ComponentVariable` fields, in order."""
