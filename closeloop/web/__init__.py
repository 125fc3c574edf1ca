"""The web app: HTML pages (Jinja2 + HTMX) and the JSON API under /api/v1.

It owns nothing but presentation and safety (login, CSRF, escaping, error
pages); every read and write goes through ``closeloop.service``, as the CLI's
do. It may import ``service``, ``errors`` and ``core`` values, never ``store``.
"""

from closeloop.web.app import create_app

__all__ = ["create_app"]
