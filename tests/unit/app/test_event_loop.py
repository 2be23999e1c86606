"""`csms run` runs on uvloop by default, on the standard loop when CSMS_EVENT_LOOP says so."""

from __future__ import annotations

import asyncio

import pytest
import uvloop
from pydantic import ValidationError

from app.__main__ import event_loop
from app.settings import Environment, Settings


@pytest.mark.parametrize(
    ("kind", "expected"), [("uvloop", uvloop.Loop), ("asyncio", asyncio.BaseEventLoop)]
)
def test_the_chosen_event_loop_is_built(kind: str, expected: type) -> None:
    loop = event_loop(kind)
    try:
        assert isinstance(loop, expected)
        assert loop.run_until_complete(asyncio.sleep(0, result="ran")) == "ran"
    finally:
        loop.close()


def test_uvloop_is_the_default_and_other_loops_are_refused() -> None:
    assert Settings(environment=Environment.DEV).event_loop == "uvloop"
    with pytest.raises(ValidationError, match="CSMS_EVENT_LOOP"):
        Settings(environment=Environment.DEV, event_loop="trio")
