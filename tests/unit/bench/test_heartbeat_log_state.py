"""bench.heartbeat reads the message log's state off a node's /metrics page."""

from bench.node_metrics import message_log_state

PAGE = """\
# HELP csms_message_log_frames_written_total Frames stored.
# TYPE csms_message_log_frames_written_total counter
csms_message_log_frames_written_total 274012.0
csms_message_log_frames_written_created 1.7e+09
# HELP csms_message_log_queue_depth Frames waiting to be written.
# TYPE csms_message_log_queue_depth gauge
csms_message_log_queue_depth 179.0
csms_message_log_frames_dropped_total 3.0
csms_message_log_frames_failed_total 0.0
csms_connected_stations 50.0
"""


def test_written_queued_and_dropped_are_read_as_integers() -> None:
    assert message_log_state(PAGE) == {
        "log_written_at_end": 274012,
        "log_queue_depth_at_end": 179,
        "log_dropped_at_end": 3,
    }


def test_a_node_without_a_message_log_gives_nothing() -> None:
    assert message_log_state("csms_connected_stations 50.0\n") == {}
