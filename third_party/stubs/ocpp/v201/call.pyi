from dataclasses import dataclass
from ocpp.v201 import datatypes as datatypes, enums as enums
from typing import Any

@dataclass
class Authorize:
    id_token: datatypes.IdTokenType
    certificate: str | None = ...
    iso15118_certificate_hash_data: list[datatypes.OCSPRequestDataType] | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class BootNotification:
    charging_station: datatypes.ChargingStationType
    reason: enums.BootReasonEnumType
    custom_data: dict[str, Any] | None = ...

@dataclass
class CancelReservation:
    reservation_id: int
    custom_data: dict[str, Any] | None = ...

@dataclass
class CertificateSigned:
    certificate_chain: str
    certificate_type: enums.CertificateSigningUseEnumType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class ChangeAvailability:
    operational_status: enums.OperationalStatusEnumType
    evse: datatypes.EVSEType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class ClearCache:
    custom_data: dict[str, Any] | None = ...

@dataclass
class ClearChargingProfile:
    charging_profile_id: int | None = ...
    charging_profile_criteria: datatypes.ClearChargingProfileType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class ClearDisplayMessage:
    id: int
    custom_data: dict[str, Any] | None = ...

@dataclass
class ClearVariableMonitoring:
    id: list[int]
    custom_data: dict[str, Any] | None = ...

@dataclass
class ClearedChargingLimit:
    charging_limit_source: enums.ChargingLimitSourceEnumType
    evse_id: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class CostUpdated:
    total_cost: float
    transaction_id: str
    custom_data: dict[str, Any] | None = ...

@dataclass
class CustomerInformation:
    request_id: int
    report: bool
    clear: bool
    customer_certificate: datatypes.CertificateHashDataType | None = ...
    id_token: datatypes.IdTokenType | None = ...
    customer_identifier: str | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class DataTransfer:
    vendor_id: str
    message_id: str | None = ...
    data: Any | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class DeleteCertificate:
    certificate_hash_data: datatypes.CertificateHashDataType
    custom_data: dict[str, Any] | None = ...

@dataclass
class FirmwareStatusNotification:
    status: enums.FirmwareStatusEnumType
    request_id: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class Get15118EVCertificate:
    iso15118_schema_version: str
    action: enums.CertificateActionEnumType
    exi_request: str
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetBaseReport:
    request_id: int
    report_base: enums.ReportBaseEnumType
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetCertificateStatus:
    ocsp_request_data: datatypes.OCSPRequestDataType
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetChargingProfiles:
    request_id: int
    charging_profile: datatypes.ChargingProfileCriterionType
    evse_id: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetCompositeSchedule:
    duration: int
    evse_id: int
    charging_rate_unit: enums.ChargingRateUnitEnumType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetDisplayMessages:
    request_id: int
    id: list[int] | None = ...
    priority: enums.MessagePriorityEnumType | None = ...
    state: enums.MessageStateEnumType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetInstalledCertificateIds:
    certificate_type: list[enums.GetCertificateIdUseEnumType] | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetLocalListVersion:
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetLog:
    log: datatypes.LogParametersType
    log_type: enums.LogEnumType
    request_id: int
    retries: int | None = ...
    retry_interval: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetMonitoringReport:
    request_id: int
    component_variable: list[datatypes.ComponentVariableType] | None = ...
    monitoring_criteria: list[enums.MonitoringCriterionEnumType] | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetReport:
    request_id: int
    component_variable: list[datatypes.ComponentVariableType] | None = ...
    component_criteria: list[enums.ComponentCriterionEnumType] | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetTransactionStatus:
    transaction_id: str | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class GetVariables:
    get_variable_data: list[datatypes.GetVariableDataType]
    custom_data: dict[str, Any] | None = ...

@dataclass
class Heartbeat:
    custom_data: dict[str, Any] | None = ...

@dataclass
class InstallCertificate:
    certificate_type: enums.InstallCertificateUseEnumType
    certificate: str
    custom_data: dict[str, Any] | None = ...

@dataclass
class LogStatusNotification:
    status: enums.UploadLogStatusEnumType
    request_id: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class MeterValues:
    evse_id: int
    meter_value: list[datatypes.MeterValueType]
    custom_data: dict[str, Any] | None = ...

@dataclass
class NotifyChargingLimit:
    charging_limit: datatypes.ChargingLimitType
    charging_schedule: list[datatypes.ChargingScheduleType] | None = ...
    evse_id: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class NotifyCustomerInformation:
    data: str
    seq_no: int
    generated_at: str
    request_id: int
    tbc: bool | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class NotifyDisplayMessages:
    request_id: int
    message_info: list[datatypes.MessageInfoType] | None = ...
    tbc: bool | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class NotifyEVChargingNeeds:
    charging_needs: datatypes.ChargingNeedsType
    evse_id: int
    max_schedule_tuples: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class NotifyEVChargingSchedule:
    time_base: str
    charging_schedule: datatypes.ChargingScheduleType
    evse_id: int
    custom_data: dict[str, Any] | None = ...

@dataclass
class NotifyEvent:
    generated_at: str
    seq_no: int
    event_data: list[datatypes.EventDataType]
    tbc: bool | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class NotifyMonitoringReport:
    request_id: int
    seq_no: int
    generated_at: str
    monitor: list[datatypes.MonitoringDataType] | None = ...
    tbc: bool | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class NotifyReport:
    request_id: int
    generated_at: str
    seq_no: int
    report_data: list[datatypes.ReportDataType] | None = ...
    tbc: bool | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class PublishFirmware:
    location: str
    checksum: str
    request_id: int
    retries: int | None = ...
    retry_interval: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class PublishFirmwareStatusNotification:
    status: enums.PublishFirmwareStatusEnumType
    location: list[str] | None = ...
    request_id: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class ReportChargingProfiles:
    request_id: int
    charging_limit_source: enums.ChargingLimitSourceEnumType
    charging_profile: list[datatypes.ChargingProfileType]
    evse_id: int
    tbc: bool | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class RequestStartTransaction:
    id_token: datatypes.IdTokenType
    remote_start_id: int
    evse_id: int | None = ...
    group_id_token: datatypes.IdTokenType | None = ...
    charging_profile: datatypes.ChargingProfileType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class RequestStopTransaction:
    transaction_id: str
    custom_data: dict[str, Any] | None = ...

@dataclass
class ReservationStatusUpdate:
    reservation_id: int
    reservation_update_status: enums.ReservationUpdateStatusEnumType
    custom_data: dict[str, Any] | None = ...

@dataclass
class ReserveNow:
    id: int
    expiry_date_time: str
    id_token: datatypes.IdTokenType
    connector_type: enums.ConnectorEnumType | None = ...
    evse_id: int | None = ...
    group_id_token: datatypes.IdTokenType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class Reset:
    type: enums.ResetEnumType
    evse_id: int | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class SecurityEventNotification:
    type: str
    timestamp: str
    tech_info: str | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class SendLocalList:
    version_number: int
    update_type: enums.UpdateEnumType
    local_authorization_list: list[datatypes.AuthorizationData] | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class SetChargingProfile:
    evse_id: int
    charging_profile: datatypes.ChargingProfileType
    custom_data: dict[str, Any] | None = ...

@dataclass
class SetDisplayMessage:
    message: datatypes.MessageInfoType
    custom_data: dict[str, Any] | None = ...

@dataclass
class SetMonitoringBase:
    monitoring_base: enums.MonitorBaseEnumType
    custom_data: dict[str, Any] | None = ...

@dataclass
class SetMonitoringLevel:
    severity: int
    custom_data: dict[str, Any] | None = ...

@dataclass
class SetNetworkProfile:
    configuration_slot: int
    connection_data: datatypes.NetworkConnectionProfileType
    custom_data: dict[str, Any] | None = ...

@dataclass
class SetVariableMonitoring:
    set_monitoring_data: list[datatypes.SetMonitoringDataType]
    custom_data: dict[str, Any] | None = ...

@dataclass
class SetVariables:
    set_variable_data: list[datatypes.SetVariableDataType]
    custom_data: dict[str, Any] | None = ...

@dataclass
class SignCertificate:
    csr: str
    certificate_type: enums.CertificateSigningUseEnumType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class StatusNotification:
    timestamp: str
    connector_status: enums.ConnectorStatusEnumType
    evse_id: int
    connector_id: int
    custom_data: dict[str, Any] | None = ...

@dataclass
class TransactionEvent:
    event_type: enums.TransactionEventEnumType
    timestamp: str
    trigger_reason: enums.TriggerReasonEnumType
    seq_no: int
    transaction_info: datatypes.TransactionType
    meter_value: list[datatypes.MeterValueType] | None = ...
    offline: bool | None = ...
    number_of_phases_used: int | None = ...
    cable_max_current: int | None = ...
    reservation_id: int | None = ...
    evse: datatypes.EVSEType | None = ...
    id_token: datatypes.IdTokenType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class TriggerMessage:
    requested_message: enums.MessageTriggerEnumType
    evse: datatypes.EVSEType | None = ...
    custom_data: dict[str, Any] | None = ...

@dataclass
class UnlockConnector:
    evse_id: int
    connector_id: int
    custom_data: dict[str, Any] | None = ...

@dataclass
class UnpublishFirmware:
    checksum: str
    custom_data: dict[str, Any] | None = ...

@dataclass
class UpdateFirmware:
    request_id: int
    firmware: datatypes.FirmwareType
    retries: int | None = ...
    retry_interval: int | None = ...
    custom_data: dict[str, Any] | None = ...
