"""Smart charging (OCPP 2.0.1 block K): profiles, composite schedules, site load sharing."""
