"""OCPP payload types to device-model rows (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import Enum

from ocpp.v201 import datatypes

from modules.device_model.identity import VariableRef
from modules.device_model.records import AttributeRow, Characteristics, VariableRow
from modules.kernel.secret_values import MASK, is_secret

ACTUAL = "Actual"
WRITTEN_STATUSES = frozenset({"Accepted", "RebootRequired"})


def _text(value: Enum | str | None) -> str | None:
    if value is None:
        return None
    return str(value.value) if isinstance(value, Enum) else value


def _characteristics(
    source: datatypes.VariableCharacteristicsType | None,
) -> Characteristics | None:
    if source is None:
        return None
    return Characteristics(
        data_type=_text(source.data_type) or "",
        supports_monitoring=source.supports_monitoring,
        unit=source.unit,
        min_limit=source.min_limit,
        max_limit=source.max_limit,
        values_list=source.values_list,
    )


def _kept(ref: VariableRef, value: str | None) -> str | None:
    """The value as stored: a secret's is masked (A01.FR.09)."""
    if value is not None and is_secret(ref.component, ref.variable):
        return MASK
    return value


def report_rows(
    report_data: Iterable[datatypes.ReportDataType],
) -> tuple[list[VariableRow], list[AttributeRow]]:
    """Every reported variable with its characteristics, and every attribute."""
    variables: list[VariableRow] = []
    attributes: list[AttributeRow] = []
    for item in report_data:
        ref = VariableRef.of(item.component, item.variable)
        variables.append(VariableRow(ref, _characteristics(item.variable_characteristics)))
        for attribute in item.variable_attribute:
            attributes.append(
                AttributeRow(
                    key=ref.key,
                    type=_text(attribute.type) or ACTUAL,
                    value=_kept(ref, attribute.value),
                    mutability=_text(attribute.mutability),
                    persistent=attribute.persistent,
                    constant=attribute.constant,
                )
            )
    return variables, attributes


def _value_rows(
    values: Iterable[tuple[VariableRef, str, str]],
) -> tuple[list[VariableRow], list[AttributeRow]]:
    """A variable (without characteristics) and an attribute row per (variable, attribute
    type, value)."""
    variables: list[VariableRow] = []
    attributes: list[AttributeRow] = []
    for ref, attribute_type, value in values:
        variables.append(VariableRow(ref))
        attributes.append(AttributeRow(ref.key, attribute_type, _kept(ref, value) or value))
    return variables, attributes


def read_rows(
    results: Iterable[datatypes.GetVariableResultType],
) -> tuple[list[VariableRow], list[AttributeRow]]:
    """GetVariables: every Accepted result's value becomes its attribute's value."""
    return _value_rows(
        (
            VariableRef.of(result.component, result.variable),
            _text(result.attribute_type) or ACTUAL,
            result.attribute_value,
        )
        for result in results
        if _text(result.attribute_status) == "Accepted" and result.attribute_value is not None
    )


def requested_values(
    data: Iterable[datatypes.SetVariableDataType],
) -> dict[tuple[str, str], str]:
    """SetVariables request: (variable key, attribute type) -> the value asked for."""
    return {
        (VariableRef.of(item.component, item.variable).key, _text(item.attribute_type) or ACTUAL): (
            item.attribute_value
        )
        for item in data
    }


def written_rows(
    asked: Mapping[tuple[str, str], str],
    results: Iterable[datatypes.SetVariableResultType],
) -> tuple[list[VariableRow], list[AttributeRow]]:
    """SetVariables: Accepted and RebootRequired results take the value that was asked for."""

    def written() -> Iterator[tuple[VariableRef, str, str]]:
        for result in results:
            if _text(result.attribute_status) not in WRITTEN_STATUSES:
                continue
            ref = VariableRef.of(result.component, result.variable)
            attribute_type = _text(result.attribute_type) or ACTUAL
            value = asked.get((ref.key, attribute_type))
            if value is not None:
                yield ref, attribute_type, value

    return _value_rows(written())


def status_text(value: Enum | str | None) -> str | None:
    """An OCPP enum (or its text) as its text."""
    return _text(value)
