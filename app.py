"""Entry point: `flask --app app run` finds the factory `create_app` here."""

from vaktaal import create_app

__all__ = ["create_app"]
