"""Functional-block modules, one package per OCPP 2.0.1 block, plus the shared kernel."""
