"""Security headers on every response."""

from __future__ import annotations

import hashlib
import secrets

from flask import Flask, Response

# Everything a page needs is served by us: no CDN, no web fonts, no analytics.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "media-src 'self' blob:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app: Flask) -> None:
    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), geolocation=(), microphone=(self)")
        if app.config.get("ENV_NAME") == "production":
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def new_token() -> str:
    """A secret for a cookie or a link: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Tokens are stored hashed: a leaked database gives no working cookie or link."""
    return hashlib.sha256(token.encode()).hexdigest()
