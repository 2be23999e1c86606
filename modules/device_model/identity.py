"""A device-model variable's identity and its stored key."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201 import datatypes

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
        evse = component.evse
        return cls(
            component=component.name,
            variable=variable.name,
            component_instance=component.instance,
            evse_id=evse.id if evse else None,
            connector_id=evse.connector_id if evse else None,
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

    def component_payload(self) -> dict[str, object]:
        """The OCPP ComponentType JSON."""
        component: dict[str, object] = {"name": self.component}
        if self.component_instance is not None:
            component["instance"] = self.component_instance
        if self.evse_id is not None:
            evse: dict[str, object] = {"id": self.evse_id}
            if self.connector_id is not None:
                evse["connectorId"] = self.connector_id
            component["evse"] = evse
        return component

    def variable_payload(self) -> dict[str, object]:
        """The OCPP VariableType JSON."""
        variable: dict[str, object] = {"name": self.variable}
        if self.variable_instance is not None:
            variable["instance"] = self.variable_instance
        return variable
