"""Event types the device-model module emits."""

from __future__ import annotations

REPORT_COMPLETED = "REPORT_COMPLETED"
VARIABLES_READ = "VARIABLES_READ"
VARIABLES_SET = "VARIABLES_SET"
