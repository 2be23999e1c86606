"""Customer information (OCPP 2.0.1 block N: N09, N10): CustomerInformation and
NotifyCustomerInformation.

The customerInformation command allocates a requestId, records the request, and sends it
(report and/or clear, about an id token, a customer identifier or a customer certificate);
the station's answer is stored by the result handler. NotifyCustomerInformation parts are
stored per request, once per seqNo, in any order; the request is complete when the tbc=false
part and every part before it arrived (CUSTOMER_INFORMATION_COMPLETED, once), its data the
parts' data joined in seqNo order. When the operator asks, a clear also removes what the CSMS
holds about the customer (an id token's registry entry, through the `DeleteIdToken` port),
with an audit record of who asked, when and what was removed.
"""

from modules.customer_information.commands import (
    CustomerInformationOrder,
    CustomerInformationRequests,
    InformationOutcome,
    customer_information,
)
from modules.customer_information.events import (
    CustomerInformationAnswered,
    CustomerInformationCompleted,
)
from modules.customer_information.module import build_module
from modules.customer_information.policy import State, state_of
from modules.customer_information.ports import DeleteIdToken
from modules.customer_information.queries import CustomerInformationQueries
from modules.customer_information.records import (
    CertificateHash,
    CustomerReference,
    InformationRecord,
    PartRecord,
    RemovalView,
    RequestedInformation,
    Requester,
)
from modules.customer_information.store import (
    CustomerInformationStore,
    SqlCustomerInformationStore,
)

__all__ = [
    "CertificateHash",
    "CustomerInformationAnswered",
    "CustomerInformationCompleted",
    "CustomerInformationOrder",
    "CustomerInformationQueries",
    "CustomerInformationRequests",
    "CustomerInformationStore",
    "CustomerReference",
    "DeleteIdToken",
    "InformationOutcome",
    "InformationRecord",
    "PartRecord",
    "RemovalView",
    "RequestedInformation",
    "Requester",
    "SqlCustomerInformationStore",
    "State",
    "build_module",
    "customer_information",
    "state_of",
]
