"""The REST API and dashboard (FastAPI): `create_app(database_url)`."""

from sitroom.api.app import create_app

__all__ = ["create_app"]
