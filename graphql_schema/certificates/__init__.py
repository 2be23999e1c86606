"""GraphQL of the certificates block (A02/A03, M03-M05): the certificate commands, the
certificates stations hold, the signings, the certificates that expire soon."""
