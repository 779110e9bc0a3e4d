"""sitroom: attributed, checkable claims from crisis reports."""

__version__ = "0.1.0"
