"""Station answers the device-model unit tests build from per-variable results."""

from __future__ import annotations

from typing import Any

from ocpp.v201 import call_result

from modules.kernel import codec


def set_variables_answer(*results: dict[str, Any]) -> call_result.SetVariables:
    """A SetVariablesResponse (B05) carrying `results` in order."""
    return codec.decode(call_result.SetVariables, {"setVariableResult": list(results)})


def get_variables_answer(*results: dict[str, Any]) -> call_result.GetVariables:
    """A GetVariablesResponse (B06) carrying `results` in order."""
    return codec.decode(call_result.GetVariables, {"getVariableResult": list(results)})
