"""Connecting to a Label Studio server, with one clear line for every failure."""

from __future__ import annotations

import os
from dataclasses import dataclass

URL_ENV = "LABEL_STUDIO_URL"
TOKEN_ENV = "LABEL_STUDIO_API_KEY"


class StudioError(RuntimeError):
    """A failure the user can act on; the CLI prints its message as one line."""


@dataclass(frozen=True)
class Connection:
    url: str
    token: str


def connection_from(url: str | None, token: str | None) -> Connection:
    url = url or os.environ.get(URL_ENV)
    token = token or os.environ.get(TOKEN_ENV)
    if not url:
        raise StudioError(f"no Label Studio URL: pass --url or set {URL_ENV}")
    if not token:
        raise StudioError(f"no Label Studio API token: pass --token or set {TOKEN_ENV}")
    return Connection(url.rstrip("/"), token)


def explain(err: Exception, conn: Connection) -> StudioError:
    """Turn SDK/HTTP exceptions into one actionable line."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    if isinstance(err, StudioError):
        return err
    if isinstance(err, ApiError):
        if err.status_code in (401, 403):
            return StudioError(f"Label Studio at {conn.url} rejected the API token (HTTP {err.status_code}); "
                               f"check --token / {TOKEN_ENV} (Account & Settings > Access Token)")
        body = str(err.body)[:200] if err.body is not None else ""
        return StudioError(f"Label Studio at {conn.url} answered HTTP {err.status_code}: {body}")
    if isinstance(err, httpx.HTTPError):
        return StudioError(f"cannot reach Label Studio at {conn.url}: {err.__class__.__name__}: {err}")
    return StudioError(f"{err.__class__.__name__}: {err}")


def connect(conn: Connection):
    """An SDK client whose token has been checked against the server."""
    from label_studio_sdk import LabelStudio

    try:
        client = LabelStudio(base_url=conn.url, api_key=conn.token, timeout=60)
        client.users.whoami()
    except Exception as err:  # noqa: BLE001 - every failure becomes one line
        raise explain(err, conn) from err
    return client
