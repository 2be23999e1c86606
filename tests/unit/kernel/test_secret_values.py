"""A01.FR.09: the Basic-auth password is masked in every frame the CSMS keeps."""

from __future__ import annotations

import orjson

from modules.kernel.secret_values import MASK, mask_frame

SECRET = "the-secret-password-0123"


def test_a_set_variables_call_is_kept_with_the_password_masked() -> None:
    frame = [
        2,
        "m1",
        "SetVariables",
        {
            "setVariableData": [
                {
                    "attributeValue": SECRET,
                    "component": {"name": "SecurityCtrlr"},
                    "variable": {"name": "BasicAuthPassword"},
                },
                {
                    "attributeValue": "60",
                    "component": {"name": "OCPPCommCtrlr"},
                    "variable": {"name": "HeartbeatInterval"},
                },
            ]
        },
    ]
    masked = orjson.loads(mask_frame(orjson.dumps(frame).decode()))
    items = masked[3]["setVariableData"]
    assert [item["attributeValue"] for item in items] == [MASK, "60"]


def test_a_reported_password_attribute_is_masked() -> None:
    frame = [
        2,
        "m2",
        "NotifyReport",
        {
            "reportData": [
                {
                    "component": {"name": "SecurityCtrlr"},
                    "variable": {"name": "BasicAuthPassword"},
                    "variableAttribute": [{"type": "Actual", "value": SECRET}],
                }
            ]
        },
    ]
    text = mask_frame(orjson.dumps(frame).decode())
    assert SECRET not in text and MASK in text


def test_other_frames_come_back_unchanged() -> None:
    text = '[2,"m3","Heartbeat",{}]'
    assert mask_frame(text) is text


def test_an_unreadable_frame_naming_the_password_is_not_kept() -> None:
    assert mask_frame(f'[2,"m4","SetVariables",{{"BasicAuthPassword": "{SECRET}"') == MASK
