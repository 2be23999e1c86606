"""A device-model variable's identity and its stored key."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201 import datatypes

from modules.kernel.ocpp_parts import evse_ids, evse_of

KEY_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class VariableRef:
    """Component (name, instance, EVSE, connector) and variable (name, instance)."""

    component: str
    variable: str
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None

    @classmethod
    def of(
        cls, component: datatypes.ComponentType, variable: datatypes.VariableType
    ) -> VariableRef:
        """From the OCPP component and variable types."""
        evse_id, connector_id = evse_ids(component.evse)
        return cls(
            component=component.name,
            variable=variable.name,
            component_instance=component.instance,
            evse_id=evse_id,
            connector_id=connector_id,
            variable_instance=variable.instance,
        )

    @property
    def key(self) -> str:
        """The stored identity: OCPP names are case-insensitive, so it is lower-cased; an
        absent instance, EVSE or connector is an empty part (never equal to a present one)."""
        parts = (
            self.component.lower(),
            (self.component_instance or "").lower(),
            "" if self.evse_id is None else str(self.evse_id),
            "" if self.connector_id is None else str(self.connector_id),
            self.variable.lower(),
            (self.variable_instance or "").lower(),
        )
        return KEY_SEPARATOR.join(parts)

    def component_type(self) -> datatypes.ComponentType:
        """The OCPP ComponentType (an EVSE only when evse_id is given)."""
        return datatypes.ComponentType(
            name=self.component,
            instance=self.component_instance,
            evse=evse_of(self.evse_id, self.connector_id),
        )

    def variable_type(self) -> datatypes.VariableType:
        """The OCPP VariableType."""
        return datatypes.VariableType(name=self.variable, instance=self.variable_instance)
