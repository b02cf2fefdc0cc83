"""The local web application (``secarch serve``): browse, edit, run and compare architectures in a browser.

FastAPI with server-rendered pages (Jinja2 templates, htmx for partial updates, vendored from the npm
registry and served by the application itself), background jobs in worker processes with live progress and
cancellation, and an SQLite database in the data directory. See docs/web.md.

>>> from secarch.web import WebSettings
>>> WebSettings().max_body_bytes
2000000
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secarch.web.settings import WebSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["WebSettings", "create_app"]


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The FastAPI application for ``settings`` (see :class:`WebSettings`)."""
    from secarch.web.app import create_app as create

    return create(settings)
