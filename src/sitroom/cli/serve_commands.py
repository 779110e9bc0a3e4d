"""Commands of this group are added by the issue that builds them."""

from sitroom.cli import app  # noqa: F401
