"""A fleet simulator of OCPP 2.0.1 charging stations for load-testing any CSMS (`csms-sim`)."""
