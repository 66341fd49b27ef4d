"""Shared building blocks: database base, types, i18n and security helpers."""
