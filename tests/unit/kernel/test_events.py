"""Typed domain events: one codec for every registered class, the registry by type name, and
what a consumer gets for a type or payload it cannot type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

import orjson
import pytest

from modules.kernel.events import (
    Event,
    EventRegistryError,
    UntypedEvent,
    from_bytes,
    from_payload,
    register,
    registered_types,
)

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Sample:
    measured_at: datetime
    value: float


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class SampleRecorded(Event):
    TYPE: ClassVar[str] = "TEST_SAMPLE_RECORDED"
    evse_id: int
    samples: list[Sample] = field(default_factory=list)
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def recorded() -> SampleRecorded:
    return SampleRecorded(
        station_id="CS1",
        occurred_at=NOW,
        evse_id=2,
        samples=[Sample(NOW, 1.5), Sample(NOW, 2.0)],
        extra={"k": [1, None]},
    )


def test_the_payload_carries_the_fields_in_camel_case_with_times_as_iso_text() -> None:
    assert recorded().payload == {
        "evseId": 2,
        "samples": [
            {"measuredAt": "2026-12-07T09:30:00+00:00", "value": 1.5},
            {"measuredAt": "2026-12-07T09:30:00+00:00", "value": 2.0},
        ],
        "note": None,
        "extra": {"k": [1, None]},
    }


def test_the_wire_form_is_type_station_time_and_payload() -> None:
    wire = orjson.loads(recorded().to_bytes())

    assert wire["type"] == "TEST_SAMPLE_RECORDED"
    assert wire["station_id"] == "CS1"
    assert wire["occurred_at"] == "2026-12-07T09:30:00+00:00"
    assert wire["payload"]["evseId"] == 2


def test_a_registered_event_comes_back_as_its_class_with_nested_types() -> None:
    back = from_bytes(recorded().to_bytes())

    assert isinstance(back, SampleRecorded)
    assert back == recorded()
    assert isinstance(back.samples[0], Sample)
    assert back.samples[0].measured_at == NOW


def test_a_field_missing_from_an_older_producer_takes_its_default() -> None:
    back = from_payload("TEST_SAMPLE_RECORDED", "CS1", NOW, {"evseId": 4})

    assert back == SampleRecorded(station_id="CS1", occurred_at=NOW, evse_id=4)


def test_an_unknown_type_is_kept_untyped_with_its_payload() -> None:
    back = from_bytes(
        b'{"type":"FROM_A_NEWER_NODE","station_id":"CS9",'
        b'"occurred_at":"2026-12-07T09:30:00+00:00","payload":{"a":1}}'
    )

    assert isinstance(back, UntypedEvent)
    assert (back.type, back.station_id, back.payload) == ("FROM_A_NEWER_NODE", "CS9", {"a": 1})
    assert from_bytes(back.to_bytes()) == back


def test_a_payload_that_does_not_fit_its_class_is_kept_untyped_not_raised() -> None:
    back = from_payload("TEST_SAMPLE_RECORDED", "CS1", NOW, {"note": "no evseId"})

    assert isinstance(back, UntypedEvent)
    assert back.type == "TEST_SAMPLE_RECORDED"
    assert back.payload == {"note": "no evseId"}


def test_two_classes_cannot_claim_one_type_name() -> None:
    @dataclass(frozen=True, slots=True, kw_only=True)
    class Impostor(Event):
        TYPE: ClassVar[str] = "TEST_SAMPLE_RECORDED"

    with pytest.raises(EventRegistryError, match="TEST_SAMPLE_RECORDED"):
        register(Impostor)
    assert registered_types()["TEST_SAMPLE_RECORDED"] is SampleRecorded


def test_a_class_without_a_type_name_cannot_be_registered() -> None:
    @dataclass(frozen=True, slots=True, kw_only=True)
    class Nameless(Event):
        pass

    with pytest.raises(EventRegistryError, match="no TYPE"):
        register(Nameless)
