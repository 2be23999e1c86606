"""The log files a node takes from stations and hands to operators over HTTP (block N, N01):
a station uploads the file its GetLog asked for (`PUT` or `POST /logs/upload/{token}`, the
raw bytes or one multipart file part, N01.FR.18/19), and an operator downloads it
(`GET /logs/{id}`, an operator's bearer token). Files live in the database, so every node takes
and serves every file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from aiohttp import BodyPartReader, web
from aiohttp.multipart import content_disposition_filename, parse_content_disposition

from graphql_schema.auth import token_from_header
from modules.logs import LogUploads, UploadRefused
from modules.operators import ApiTokens, Role

READ_BYTES = 64 * 1024
"""How much of a request body is read at a time."""


def _refusal(status: int, message: str, **headers: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers or None)


async def _multipart(request: web.Request) -> tuple[BodyPartReader, str | None]:
    """The first file part of a multipart body and its filename; 400 when there is none."""
    reader = await request.multipart()
    async for part in reader:
        if isinstance(part, BodyPartReader) and part.filename is not None:
            return part, part.filename
    raise UploadRefused(400, "the multipart body has no file part")


async def _chunks(part: BodyPartReader) -> AsyncIterator[bytes]:
    while chunk := await part.read_chunk(READ_BYTES):
        yield chunk


async def upload(request: web.Request, uploads: LogUploads) -> web.Response:
    """Store a station's log file: 201 with its id, name, size and SHA-256; 404 for a token no
    request has, 409 once the token was used, 410 once retention closed it, 413 past
    CSMS_LOG_MAX_BYTES (nothing stored: a raw body by its Content-Length at once, any body
    while it streams), 400 for an empty file or a multipart body without a file part."""
    token = request.match_info["token"]
    try:
        await uploads.slot(token)
        if request.content_type.startswith("multipart/"):
            part, name = await _multipart(request)
            stored = await uploads.upload(token, _chunks(part), name)
        else:
            declared = request.content_length
            if declared is not None and declared > uploads.max_bytes:
                raise UploadRefused(413, f"the file is larger than {uploads.max_bytes} bytes")
            data = request.content.iter_chunked(READ_BYTES)
            stored = await uploads.upload(token, data, _disposition_name(request))
    except UploadRefused as refused:
        return _refusal(refused.status, str(refused))
    body: dict[str, Any] = {
        "id": stored.id,
        "name": stored.name,
        "sizeBytes": stored.size_bytes,
        "sha256": stored.sha256,
    }
    return web.json_response(body, status=201)


def _disposition_name(request: web.Request) -> str | None:
    """The filename a raw upload's Content-Disposition header names, if any."""
    disposition = request.headers.get("Content-Disposition")
    if not disposition:
        return None
    _, params = parse_content_disposition(disposition)
    return content_disposition_filename(params)


async def download(
    request: web.Request, uploads: LogUploads, tokens: ApiTokens
) -> web.StreamResponse:
    """Stream a stored log file to an operator: 401 without a token of the operator (or
    admin) role, 404 for no such file (or one retention deleted)."""
    token = token_from_header(request.headers.get("Authorization"))
    caller = await tokens.caller(token) if token is not None else None
    if caller is None or caller.role is Role.VIEWER:
        return _refusal(
            401, "send 'Authorization: Bearer <operator token>'", **{"WWW-Authenticate": "Bearer"}
        )
    stored = await uploads.file(int(request.match_info["file_id"]))
    if stored is None:
        return _refusal(404, "no such log file")
    response = web.StreamResponse(
        headers={
            "Content-Type": "application/octet-stream",
            "Content-Disposition": f'attachment; filename="{stored.name}"',
            "ETag": f'"{stored.sha256}"',
            "Cache-Control": "no-store",
        }
    )
    response.content_length = stored.size_bytes
    await response.prepare(request)
    if request.method != "HEAD":
        async for data in uploads.read(stored):
            await response.write(data)
    await response.write_eof()
    return response
