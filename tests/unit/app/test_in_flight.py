"""The per-connection memory of station CALL ids (Part 4 §4.2.3) stays bounded."""

from __future__ import annotations

from app.gateway.in_flight import MAX_ANSWERS, MAX_IN_FLIGHT, CallIds, StoredAnswer


def test_part4_4_2_3_call_id_memory_is_bounded_whatever_the_station_sends() -> None:
    ids = CallIds()
    for n in range(10_000):
        ids.start(f"never-answered-{n}")
        ids.start(f"answered-{n}")
        ids.finish(f"answered-{n}", StoredAnswer("Heartbeat", 3, f'[3,"answered-{n}",{{}}]'))
    assert len(ids) <= MAX_IN_FLIGHT + MAX_ANSWERS
    # the newest are the ones kept
    assert ids.in_flight("never-answered-9999")
    assert not ids.in_flight("never-answered-0")
    assert ids.answered("answered-9999") is not None
    assert ids.answered("answered-0") is None


def test_part4_4_2_3_transient_answer_is_not_replayed_and_lost_reply_expires() -> None:
    ids = CallIds(ttl=-1.0)
    ids.start("m1")
    ids.finish("m1", None)
    assert ids.answered("m1") is None and not ids.in_flight("m1")
    ids.start("m2")
    assert not ids.in_flight("m2")  # past its time to live: a retry is processed again
