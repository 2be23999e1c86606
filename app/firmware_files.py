"""The firmware files a node serves over HTTP (block L): the operator uploads a catalogue
entry's file (`PUT` or `POST /firmware/{id}`, an admin's bearer token, the raw bytes or one
multipart file part), and stations download it (`GET /firmware/files/{token}`, the URL their
UpdateFirmware or PublishFirmware carries). Files live in the database, so every node serves
every file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from aiohttp import BodyPartReader, web

from graphql_schema.auth import token_from_header
from modules.firmware import Catalogue, UploadRefused
from modules.operators import ApiTokens, Role

READ_BYTES = 64 * 1024
"""How much of a request body is read at a time."""


def _refusal(status: int, message: str, **headers: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers or None)


async def _multipart_file(request: web.Request) -> AsyncIterator[bytes]:
    """The bytes of the first file part of a multipart body."""
    reader = await request.multipart()
    async for part in reader:
        if isinstance(part, BodyPartReader) and part.filename is not None:
            while chunk := await part.read_chunk(READ_BYTES):
                yield chunk
            return


def _body(request: web.Request) -> AsyncIterator[bytes]:
    if request.content_type.startswith("multipart/"):
        return _multipart_file(request)
    return request.content.iter_chunked(READ_BYTES)


async def upload(request: web.Request, catalogue: Catalogue, tokens: ApiTokens) -> web.Response:
    """Store the uploaded file of a served catalogue entry: 201 with its size and hashes;
    401 without a token of the admin role, 404 for no such served entry, 409 when it has its
    file, 413 past CSMS_FIRMWARE_MAX_BYTES, 400 for an empty file."""
    token = token_from_header(request.headers.get("Authorization"))
    caller = await tokens.caller(token) if token is not None else None
    if caller is None or caller.role is not Role.ADMIN:
        return _refusal(
            401, "send 'Authorization: Bearer <admin token>'", **{"WWW-Authenticate": "Bearer"}
        )
    declared = request.content_length
    if declared is not None and declared > catalogue.max_bytes:
        return _refusal(413, f"the file is larger than {catalogue.max_bytes} bytes")
    firmware_id = int(request.match_info["firmware_id"])
    try:
        entry = await catalogue.upload(firmware_id, _body(request))
    except UploadRefused as refused:
        return _refusal(refused.status, str(refused))
    body: dict[str, Any] = {
        "id": entry.id,
        "version": entry.version,
        "sizeBytes": entry.size_bytes,
        "sha256": entry.sha256,
        "checksum": entry.checksum,
    }
    return web.json_response(body, status=201)


async def download(request: web.Request, catalogue: Catalogue) -> web.StreamResponse:
    """Stream a served file to a station: 404 for a token no uploaded entry has."""
    served = await catalogue.served_file(request.match_info["token"])
    if served is None:
        return _refusal(404, "no such firmware file")
    response = web.StreamResponse(
        headers={
            "Content-Type": "application/octet-stream",
            "ETag": f'"{served.sha256}"',
            "Cache-Control": "no-store",
        }
    )
    response.content_length = served.size_bytes
    await response.prepare(request)
    if request.method != "HEAD":
        async for data in catalogue.read(served):
            await response.write(data)
    await response.write_eof()
    return response
