"""Remote control answers no station message of its own: what follows its commands arrives
as station CALLs other blocks own (TransactionEvent, StatusNotification, MeterValues, ...);
the answers to its commands are handled by the result handlers in commands.py."""
