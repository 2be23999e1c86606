"""GraphQL of the reservations block (H): the reserveNow and cancelReservation mutations and
the reservation queries."""
