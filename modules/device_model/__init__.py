"""Device model (OCPP 2.0.1 block B): the components and variables a station reports.

Answers NotifyReport (B07/B08: parts stored as they arrive, reports tracked per request id,
REPORT_COMPLETED emitted once), and consumes the results of the commands it offers:
GetBaseReport (B07), GetReport (B08), GetVariables (B06) and SetVariables (B05), writing what
the station answered back into the stored device model. Emits REPORT_COMPLETED,
VARIABLES_READ and VARIABLES_SET.
"""

from modules.device_model.module import build_module

__all__ = ["build_module"]
