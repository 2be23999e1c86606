"""Column groups several tables share, declared once (Tortoise abstract models)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ComponentVariableColumns(Model):
    """The component-variable a row is about, as OCPP names it: component and variable names
    and instances, and the component's EVSE and connector (absent ones are null).

    Tortoise lists inherited fields before a model's own: only the ORM's field order differs
    from the declaration order of the tables, whose columns the migrations create.
    """

    component_name = fields.CharField(max_length=50)
    component_instance = fields.CharField(max_length=50, null=True)
    evse_id = fields.IntField(null=True)
    connector_id = fields.IntField(null=True)
    variable_name = fields.CharField(max_length=50)
    variable_instance = fields.CharField(max_length=50, null=True)

    class Meta:
        abstract = True


COMPONENT_VARIABLE_COLUMNS = (
    "component_name",
    "component_instance",
    "evse_id",
    "connector_id",
    "variable_name",
    "variable_instance",
)
"""The columns naming a component and one of its variables, in `device_variable` and the
monitoring tables alike (in the order of the records' `ComponentVariable` fields)."""

COMPONENT_VARIABLE_RENAMES = {"component": "component_name", "variable": "variable_name"}
"""The `ComponentVariable` fields whose column is named otherwise."""
