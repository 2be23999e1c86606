"""The vendored chart library is byte for byte the release its README names: the sha256 of
each committed file matches the table in `dashboard/vendor/uplot/README.md`, and its
licence sits beside it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[3] / "dashboard" / "vendor" / "uplot"
ROW = re.compile(r"^\s*\| ([\w.]+) \| ([0-9a-f]{64}) \|$", re.M)


def test_the_vendored_files_are_the_published_release() -> None:
    pinned = dict(ROW.findall((VENDOR / "README.md").read_text()))
    assert set(pinned) == {"uPlot.esm.js", "uPlot.min.css", "LICENSE"}
    actual = {name: hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() for name in pinned}
    assert actual == pinned
    assert "MIT License" in (VENDOR / "LICENSE").read_text()
