"""When a multi-part report is complete (pure).

The rule: a report is complete when the part with `tbc = false` (its seqNo is the final
seqNo) has arrived and every seqNo from the first one up to the final one has arrived, in any
order. The first seqNo is 0 when this CSMS requested the report (the spec: "First message
starts at 0"), so parts 2, 0, 1 complete only with the third. When the CSMS has no record of
the request (someone else's requestId, e.g. a raw sendCall), nothing says where the report
starts: the lowest seqNo received is taken as the first, so parts 5, 6, 7 complete; such a
report arriving out of order can only be judged complete on what has arrived so far.
"""

from __future__ import annotations

from collections.abc import Collection


def report_complete(
    seq_nos: Collection[int], final_seq_no: int | None, first_seq_no: int | None
) -> bool:
    """Whether the received `seq_nos` make a complete report.

    `final_seq_no` is the seqNo of the part with tbc=false (None until it arrives);
    `first_seq_no` is 0 for a report this CSMS requested, None when unknown (then the lowest
    received seqNo is the first).
    """
    if final_seq_no is None or not seq_nos:
        return False
    received = set(seq_nos)
    first = min(received) if first_seq_no is None else first_seq_no
    if first > final_seq_no:
        return False
    return all(seq_no in received for seq_no in range(first, final_seq_no + 1))
