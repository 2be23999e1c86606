"""Device-model variables whose values are secrets (A01.FR.09): the Basic-auth password. Their
values are masked wherever the CSMS keeps or shows frames or variables: the message log, the
device model."""

from __future__ import annotations

from typing import Any

import orjson

SECRET_VARIABLES = frozenset({("SecurityCtrlr", "BasicAuthPassword")})
"""(component, variable) names whose values are never kept."""
MASK = "********"
"""What a secret value is shown as."""
_MARKERS = tuple(variable for _, variable in SECRET_VARIABLES)


def is_secret(component: str, variable: str) -> bool:
    """Whether the value of `component`.`variable` is a secret."""
    return (component, variable) in SECRET_VARIABLES


def _name(part: Any) -> str | None:
    return part.get("name") if isinstance(part, dict) else None


def _masked(node: Any) -> Any:
    if isinstance(node, list):
        return [_masked(item) for item in node]
    if not isinstance(node, dict):
        return node
    masked = {key: _masked(value) for key, value in node.items()}
    component, variable = _name(node.get("component")), _name(node.get("variable"))
    if component is not None and variable is not None and is_secret(component, variable):
        if masked.get("attributeValue") is not None:
            masked["attributeValue"] = MASK
        attributes = masked.get("variableAttribute")
        if isinstance(attributes, list):
            masked["variableAttribute"] = [
                {**item, "value": MASK}
                if isinstance(item, dict) and item.get("value") is not None
                else item
                for item in attributes
            ]
    return masked


def mask_frame(text: str) -> str:
    """An OCPP-J frame with every secret variable's value masked (SetVariables items,
    GetVariables results, reported attributes); other frames come back unchanged, cheaply."""
    if not any(marker in text for marker in _MARKERS):
        return text
    try:
        frame = orjson.loads(text)
    except orjson.JSONDecodeError:
        return MASK  # an unreadable frame naming a secret: keep none of it
    return orjson.dumps(_masked(frame)).decode()
