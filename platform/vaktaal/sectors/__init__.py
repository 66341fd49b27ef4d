"""Sectors and their content: schema, validation, loading into the database, pages."""
