"""Local lists answer no station message of their own: stations only answer the CSMS's
SendLocalList and GetLocalListVersion (their result handlers are in `commands.py`)."""
