"""Importers: other systems' records become events."""
