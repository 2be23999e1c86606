"""Data transfer (OCPP 2.0.1 block P): DataTransfer in both directions.

A DataTransfer from a station (P02) is routed by vendorId, then messageId, to the vendor
handlers the composition root registered (`VendorRegistry`; none by default): UnknownVendorId
for a vendor without a handler, UnknownMessageId for a messageId its handler does not know,
else the handler's Accepted/Rejected and data. The dataTransfer command (P01) sends one to a
station and returns its answer. Every transfer, either way, is stored with its answer and
emitted as DATA_TRANSFER; `DataTransferQueries` reads them back, newest first.
"""

from modules.data_transfer.commands import DataTransfers, data_transfer
from modules.data_transfer.events import DataTransferred
from modules.data_transfer.example import EXAMPLE_VENDOR_ID, ExampleVendor
from modules.data_transfer.module import build_module
from modules.data_transfer.queries import DataTransferQueries
from modules.data_transfer.records import Direction, Transfer, TransferView
from modules.data_transfer.store import DataTransferStore, SqlDataTransferStore
from modules.data_transfer.vendors import (
    DuplicateVendor,
    IncomingTransfer,
    MessageHandler,
    VendorAnswer,
    VendorHandler,
    VendorRegistry,
)

__all__ = [
    "EXAMPLE_VENDOR_ID",
    "DataTransferQueries",
    "DataTransferStore",
    "DataTransferred",
    "DataTransfers",
    "Direction",
    "DuplicateVendor",
    "ExampleVendor",
    "IncomingTransfer",
    "MessageHandler",
    "SqlDataTransferStore",
    "Transfer",
    "TransferView",
    "VendorAnswer",
    "VendorHandler",
    "VendorRegistry",
    "build_module",
    "data_transfer",
]
