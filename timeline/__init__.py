"""timeline: validate, read and publish court-case timelines kept in a YAML file."""

__version__ = "0.1.0"
