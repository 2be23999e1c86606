"""Device model (OCPP 2.0.1 block B): the components and variables a station reports.

Answers NotifyReport (B07/B08: parts stored as they arrive, reports tracked per request id,
REPORT_COMPLETED emitted once), and consumes the results of the commands it offers:
GetBaseReport (B07), GetReport (B08), GetVariables (B06) and SetVariables (B05, both split by
the station's ItemsPerMessage / BytesPerMessage: `VariableRequests`), writing what the
station answered back into the stored device model. Emits REPORT_COMPLETED,
VARIABLES_READ and VARIABLES_SET.
"""

from modules.device_model.commands import (
    ReportRequestOutcome,
    ReportRequests,
    ReportSelector,
    VariableRead,
    VariableWrite,
    get_variables,
    set_variables,
)
from modules.device_model.events import (
    ReportCompleted,
    VariableSetStatus,
    VariablesRead,
    VariablesSet,
)
from modules.device_model.identity import VariableRef
from modules.device_model.memory_store import MemoryDeviceModelStore
from modules.device_model.module import build_module
from modules.device_model.queries import (
    MAX_REPORTS_PAGE,
    MAX_VARIABLES_PAGE,
    DeviceModelQueries,
    RebootState,
)
from modules.device_model.records import AttributeRecord, ReportRecord
from modules.device_model.report_state import (
    DEFAULT_REPORT_TIMEOUT_SECONDS,
    ReportState,
    ReportView,
)
from modules.device_model.store import DeviceModelStore, SqlDeviceModelStore
from modules.device_model.variables import VariableRequests, VariablesOutcome

__all__ = [
    "DEFAULT_REPORT_TIMEOUT_SECONDS",
    "MAX_REPORTS_PAGE",
    "MAX_VARIABLES_PAGE",
    "AttributeRecord",
    "DeviceModelQueries",
    "DeviceModelStore",
    "MemoryDeviceModelStore",
    "RebootState",
    "ReportCompleted",
    "ReportRecord",
    "ReportRequestOutcome",
    "ReportRequests",
    "ReportSelector",
    "ReportState",
    "ReportView",
    "SqlDeviceModelStore",
    "VariableRead",
    "VariableRef",
    "VariableRequests",
    "VariableSetStatus",
    "VariableWrite",
    "VariablesOutcome",
    "VariablesRead",
    "VariablesSet",
    "build_module",
    "get_variables",
    "set_variables",
]
