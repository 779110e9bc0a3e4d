"""Storage: SQLAlchemy tables, repositories and Alembic migrations.

Repository functions take a Session and domain objects, return domain objects, and never
commit: the caller owns the transaction.
"""
