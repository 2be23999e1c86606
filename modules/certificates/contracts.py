"""The built-in contract-certificate service (M01/M02): EXI responses prepared in a folder
(`CSMS_CONTRACT_CERT_DIR`), one file per request, named by the SHA-256 (hex) of the request's
exiRequest with `.exi`, holding the base64 exiResponse. Without a folder every request is
answered Failed, saying that no contract-certificate service is configured."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

from modules.certificates.backends import ContractAnswer

MAX_EXI_RESPONSE = 5600
NOT_CONFIGURED = "no contract-certificate service is configured (CSMS_CONTRACT_CERT_DIR)"


def _read_head(path: Path) -> str:
    """The file's first characters, enough to tell a response from one too long (the
    file's size does not decide what is read into memory)."""
    with path.open(encoding="ascii") as prepared:
        return prepared.read(MAX_EXI_RESPONSE + 64)


class FileContractCertificates:
    """ContractCertificates answered from prepared files (None: not configured)."""

    def __init__(self, directory: str | None) -> None:
        self._directory = Path(directory) if directory else None

    async def answer(
        self, station_id: str, schema_version: str, action: str, exi_request: str
    ) -> ContractAnswer:
        """Accepted with the prepared response for this exact request, else Failed."""
        if self._directory is None:
            return ContractAnswer(accepted=False, exi_response="", reason=NOT_CONFIGURED)
        name = hashlib.sha256(exi_request.encode()).hexdigest() + ".exi"
        path = self._directory / name
        try:
            text = (await asyncio.to_thread(_read_head, path)).strip()
        except (OSError, UnicodeDecodeError):
            return ContractAnswer(
                accepted=False, exi_response="", reason=f"no prepared response {name}"
            )
        if not text or len(text) > MAX_EXI_RESPONSE:
            return ContractAnswer(
                accepted=False, exi_response="", reason=f"{name}: empty or over 5600 characters"
            )
        return ContractAnswer(accepted=True, exi_response=text)
