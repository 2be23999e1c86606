"""Device-model payloads as a station sends them."""

from __future__ import annotations

from typing import Any


def variable_result(
    component: str,
    variable: str,
    status: str,
    value: str | None = None,
    attribute_type: str | None = None,
    evse_id: int | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """One GetVariableResult / SetVariableResult (`value`, `attribute_type` and the component's
    `evse_id` where given); `fields` add the rest, such as attributeStatusInfo."""
    result: dict[str, Any] = {
        "attributeStatus": status,
        "component": {"name": component},
        "variable": {"name": variable},
        **fields,
    }
    if value is not None:
        result["attributeValue"] = value
    if attribute_type is not None:
        result["attributeType"] = attribute_type
    if evse_id is not None:
        result["component"]["evse"] = {"id": evse_id}
    return result


def notify_report(
    request_id: int, seq_no: int, tbc: bool, items: list[dict[str, Any]]
) -> dict[str, Any]:
    """A NotifyReport payload, generated 2026-11-24T10:00:00Z (reportData only where there
    are `items`)."""
    payload: dict[str, Any] = {
        "requestId": request_id,
        "generatedAt": "2026-11-24T10:00:00Z",
        "seqNo": seq_no,
        "tbc": tbc,
    }
    if items:
        payload["reportData"] = items
    return payload
