"""Logs (OCPP 2.0.1 block N: N01): GetLog, LogStatusNotification, and the log files stations
upload to the CSMS itself.

The getLog command draws a one-time upload token and allocates a requestId, records the
request, and sends GetLog with the CSMS's own upload URL; the station's answer (with the
file's name) is stored by the result handler. A station uploads the file by HTTP PUT or POST
(raw or multipart) to that URL; the file is kept in the database, size-limited, hashed, and
downloaded by operators. LogStatusNotifications form each request's timeline (one without a
requestId stays on the station's). A retention sweep deletes old files and closes their
upload URLs.
"""

from modules.logs.commands import LogOrder, LogOutcome, LogRequests, get_log
from modules.logs.events import LogAnswered, LogStatusReported, LogUploaded
from modules.logs.module import build_module
from modules.logs.policy import State, state_of
from modules.logs.queries import LogQueries
from modules.logs.records import LogFile, LogRequestRecord, LogStatusReport, LogWanted
from modules.logs.retention import LogRetention
from modules.logs.store import LogStore, SqlLogStore
from modules.logs.uploads import LogUploads, UploadRefused

__all__ = [
    "LogAnswered",
    "LogFile",
    "LogOrder",
    "LogOutcome",
    "LogQueries",
    "LogRequestRecord",
    "LogRequests",
    "LogRetention",
    "LogStatusReport",
    "LogStatusReported",
    "LogStore",
    "LogUploaded",
    "LogUploads",
    "LogWanted",
    "SqlLogStore",
    "State",
    "UploadRefused",
    "build_module",
    "get_log",
    "state_of",
]
