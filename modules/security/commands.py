"""Security sends no command: no CSMS-initiated security use case (A01 security profile
update, A02/A03 certificate updates) is implemented yet."""
