from dataclasses import dataclass
from ocpp.v201 import enums as enums

@dataclass
class ACChargingParametersType:
    energy_amount: int
    ev_min_current: int
    ev_max_current: int
    ev_max_voltage: int

@dataclass
class AdditionalInfoType:
    additional_id_token: str
    type: str

@dataclass
class APNType:
    apn: str
    apn_authentication: enums.APNAuthenticationEnumType
    apn_user_name: str | None = ...
    apn_password: str | None = ...
    sim_pin: int | None = ...
    preferred_network: str | None = ...
    use_only_preferred_network: bool | None = ...

@dataclass
class CertificateHashDataType:
    hash_algorithm: enums.HashAlgorithmEnumType
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str

@dataclass
class CertificateHashDataChainType:
    certificate_type: enums.GetCertificateIdUseEnumType
    certificate_hash_data: CertificateHashDataType
    child_certificate_hash_data: list[CertificateHashDataType] | None = ...

@dataclass
class ChargingLimitType:
    charging_limit_source: enums.ChargingLimitSourceEnumType
    is_grid_critical: bool | None = ...

@dataclass
class DCChargingParametersType:
    ev_max_current: int
    ev_max_voltage: int
    energy_amount: int | None = ...
    ev_max_power: int | None = ...
    state_of_charge: int | None = ...
    ev_energy_capacity: int | None = ...
    full_soc: int | None = ...
    bulk_soc: int | None = ...

@dataclass
class ChargingNeedsType:
    requested_energy_transfer: enums.EnergyTransferModeEnumType
    departure_time: str | None = ...
    ac_charging_parameters: ACChargingParametersType | None = ...
    dc_charging_parameters: DCChargingParametersType | None = ...

@dataclass
class ChargingProfileCriterionType:
    charging_profile_purpose: enums.ChargingProfilePurposeEnumType | None = ...
    stack_level: int | None = ...
    charging_profile_id: list[int] | None = ...
    charging_limit_source: list[enums.ChargingLimitSourceEnumType] | None = ...

@dataclass
class ChargingSchedulePeriodType:
    start_period: int
    limit: float
    number_phases: int | None = ...
    phase_to_use: int | None = ...

@dataclass
class RelativeTimeIntervalType:
    start: int
    duration: int | None = ...

@dataclass
class SalesTariffEntryType:
    relative_time_interval: RelativeTimeIntervalType
    consumption_cost: list[ConsumptionCostType] | None = ...
    e_price_level: int | None = ...

@dataclass
class ChargingScheduleType:
    id: int
    charging_rate_unit: enums.ChargingRateUnitEnumType
    charging_schedule_period: list[ChargingSchedulePeriodType]
    start_schedule: str | None = ...
    duration: int | None = ...
    min_charging_rate: float | None = ...
    sales_tariff: SalesTariffType | None = ...

@dataclass
class ChargingProfileType:
    id: int
    stack_level: int
    charging_profile_purpose: enums.ChargingProfilePurposeEnumType
    charging_profile_kind: enums.ChargingProfileKindEnumType
    charging_schedule: list[ChargingScheduleType]
    valid_from: str | None = ...
    valid_to: str | None = ...
    transaction_id: str | None = ...
    recurrency_kind: enums.RecurrencyKindEnumType | None = ...

@dataclass
class ClearChargingProfileType:
    evse_id: int | None = ...
    charging_profile_purpose: enums.ChargingProfilePurposeEnumType | None = ...
    stack_level: int | None = ...

@dataclass
class StatusInfoType:
    reason_code: str
    additional_info: str | None = ...

@dataclass
class ClearMonitoringResultType:
    status: enums.ClearMonitoringStatusEnumType
    id: int
    status_info: StatusInfoType | None = ...

@dataclass
class EVSEType:
    id: int
    connector_id: int | None = ...

@dataclass
class ComponentType:
    name: str
    instance: str | None = ...
    evse: EVSEType | None = ...

@dataclass
class VariableType:
    name: str
    instance: str | None = ...

@dataclass
class ComponentVariableType:
    component: ComponentType
    variable: VariableType | None = ...

@dataclass
class CompositeScheduleType:
    evse_id: int
    duration: int
    schedule_start: str
    charging_rate_unit: enums.ChargingRateUnitEnumType
    charging_schedule_period: list[ChargingSchedulePeriodType]

@dataclass
class CostType:
    cost_kind: enums.CostKindEnumType
    amount: int
    amount_multiplier: int | None = ...

@dataclass
class ConsumptionCostType:
    start_value: float
    cost: list[CostType]

@dataclass
class EventDataType:
    event_id: int
    timestamp: str
    trigger: enums.EventTriggerEnumType
    actual_value: str
    event_notification_type: enums.EventNotificationEnumType
    component: ComponentType
    variable: VariableType
    cause: int | None = ...
    tech_code: str | None = ...
    tech_info: str | None = ...
    cleared: bool | None = ...
    transaction_id: str | None = ...
    variable_monitoring_id: int | None = ...

@dataclass
class FirmwareType:
    location: str
    retrieve_date_time: str
    install_date_time: str | None = ...
    signing_certificate: str | None = ...
    signature: str | None = ...

@dataclass
class GetVariableDataType:
    component: ComponentType
    variable: VariableType
    attribute_type: enums.AttributeEnumType | None = ...

@dataclass
class GetVariableResultType:
    attribute_status: enums.GetVariableStatusEnumType
    component: ComponentType
    variable: VariableType
    attribute_type: enums.AttributeEnumType | None = ...
    attribute_value: str | None = ...
    attribute_status_info: StatusInfoType | None = ...

@dataclass
class IdTokenType:
    id_token: str
    type: enums.IdTokenEnumType
    additional_info: list[AdditionalInfoType] | None = ...

@dataclass
class MessageContentType:
    format: enums.MessageFormatEnumType
    content: str
    language: str | None = ...

@dataclass
class IdTokenInfoType:
    status: enums.AuthorizationStatusEnumType
    cache_expiry_date_time: str | None = ...
    charging_priority: int | None = ...
    language_1: str | None = ...
    evse_id: list[int] | None = ...
    language_2: str | None = ...
    group_id_token: IdTokenType | None = ...
    personal_message: MessageContentType | None = ...

@dataclass
class AuthorizationData:
    id_token: IdTokenType
    id_token_info: IdTokenInfoType | None = ...

@dataclass
class LogParametersType:
    remote_location: str
    oldest_timestamp: str | None = ...
    latest_timestamp: str | None = ...

@dataclass
class MessageInfoType:
    id: int
    priority: enums.MessagePriorityEnumType
    message: MessageContentType
    state: enums.MessageStateEnumType | None = ...
    start_date_time: str | None = ...
    end_date_time: str | None = ...
    transaction_id: str | None = ...
    display: ComponentType | None = ...

@dataclass
class SignedMeterValueType:
    signed_meter_data: str
    signing_method: str
    encoding_method: str
    public_key: str

@dataclass
class UnitOfMeasureType:
    unit: enums.StandardizedUnitsOfMeasureType | str | None = ...
    multiplier: int | None = ...

@dataclass
class SampledValueType:
    value: float
    context: enums.ReadingContextEnumType | None = ...
    measurand: enums.MeasurandEnumType | None = ...
    phase: enums.PhaseEnumType | None = ...
    location: enums.LocationEnumType | None = ...
    signed_meter_value: SignedMeterValueType | None = ...
    unit_of_measure: UnitOfMeasureType | None = ...

@dataclass
class MeterValueType:
    timestamp: str
    sampled_value: list[SampledValueType]

@dataclass
class ModemType:
    iccid: str | None = ...
    imsi: str | None = ...

@dataclass
class VariableMonitoringType:
    id: int
    transaction: bool
    value: float
    type: enums.MonitorEnumType
    severity: int

@dataclass
class MonitoringDataType:
    component: ComponentType
    variable: VariableType
    variable_monitoring: list[VariableMonitoringType]

@dataclass
class VPNType:
    server: str
    user: str
    password: str
    key: str
    type: enums.VPNEnumType
    group: str | None = ...

@dataclass
class NetworkConnectionProfileType:
    ocpp_version: enums.OCPPVersionEnumType
    ocpp_transport: enums.OCPPTransportEnumType
    ocpp_csms_url: str
    message_timeout: int
    security_profile: int
    ocpp_interface: enums.OCPPInterfaceEnumType
    vpn: VPNType | None = ...
    apn: APNType | None = ...

@dataclass
class ChargingStationType:
    vendor_name: str
    model: str
    modem: ModemType | None = ...
    serial_number: str | None = ...
    firmware_version: str | None = ...

@dataclass
class OCSPRequestDataType:
    hash_algorithm: enums.HashAlgorithmEnumType
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str
    responder_url: str

@dataclass
class VariableAttributeType:
    type: enums.AttributeEnumType | None = ...
    value: str | None = ...
    mutability: enums.MutabilityEnumType | None = ...
    persistent: bool | None = ...
    constant: bool | None = ...

@dataclass
class VariableCharacteristicsType:
    data_type: enums.DataEnumType
    supports_monitoring: bool
    unit: str | None = ...
    min_limit: float | None = ...
    max_limit: float | None = ...
    values_list: str | None = ...

@dataclass
class ReportDataType:
    component: ComponentType
    variable: VariableType
    variable_attribute: list[VariableAttributeType]
    variable_characteristics: VariableCharacteristicsType | None = ...

@dataclass
class SalesTariffType:
    id: int
    sales_tariff_entry: list[SalesTariffEntryType]
    sales_tariff_description: str | None = ...
    num_e_price_levels: int | None = ...

@dataclass
class SetMonitoringDataType:
    value: float
    type: enums.MonitorEnumType
    severity: int
    component: ComponentType
    variable: VariableType
    id: int | None = ...
    transaction: bool | None = ...

@dataclass
class SetMonitoringResultType:
    status: enums.SetMonitoringStatusEnumType
    type: enums.MonitorEnumType
    severity: int
    component: ComponentType
    variable: VariableType
    id: int | None = ...
    status_info: StatusInfoType | None = ...

@dataclass
class SetVariableDataType:
    attribute_value: str
    component: ComponentType
    variable: VariableType
    attribute_type: enums.AttributeEnumType | None = ...

@dataclass
class SetVariableResultType:
    attribute_status: enums.SetVariableStatusEnumType
    component: ComponentType
    variable: VariableType
    attribute_type: enums.AttributeEnumType | None = ...
    attribute_status_info: StatusInfoType | None = ...

@dataclass
class TransactionType:
    transaction_id: str
    charging_state: enums.ChargingStateEnumType | None = ...
    time_spent_charging: int | None = ...
    stopped_reason: enums.ReasonEnumType | None = ...
    remote_start_id: int | None = ...
