"""Device-model payloads as a station sends them."""

from __future__ import annotations

from typing import Any


def variable_result(
    component: str,
    variable: str,
    status: str,
    value: str | None = None,
    attribute_type: str | None = None,
) -> dict[str, Any]:
    """One GetVariableResult / SetVariableResult (`value` and `attribute_type` where given)."""
    result: dict[str, Any] = {
        "attributeStatus": status,
        "component": {"name": component},
        "variable": {"name": variable},
    }
    if value is not None:
        result["attributeValue"] = value
    if attribute_type is not None:
        result["attributeType"] = attribute_type
    return result
