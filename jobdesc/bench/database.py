"""The benchmark's own database: a fresh PostgreSQL database (or a SQLite file) made and dropped by `bench`.

The developer's data is never read or written: the stages run in child processes whose DATABASE_URL
names the throwaway database.
"""

import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def server_url() -> str:
    """The PostgreSQL server to make the database on: BENCH_DATABASE_URL, a postgres DATABASE_URL, or the local one."""
    explicit = os.environ.get("BENCH_DATABASE_URL")
    if explicit:
        return explicit
    current = os.environ.get("DATABASE_URL", "")
    if current.startswith(("postgres://", "postgresql://", "pgsql://")):
        return current
    return DEFAULT_SERVER


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgres", path=f"/{name}"))


def _connect(url: str):
    # Imported only when the benchmark uses PostgreSQL.
    import psycopg2

    parts = urlsplit(url)
    return psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        connect_timeout=3,
    )


def postgres_problem(url: str) -> str:
    """Why PostgreSQL at `url` cannot be used (empty when it can)."""
    try:
        _connect(url).close()
    except Exception as error:  # any failure means "not reachable", reported as it is
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return ""


def _execute(url: str, sql: str) -> None:
    connection = _connect(url)
    # CREATE/DROP DATABASE cannot run inside a transaction.
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


@contextmanager
def throwaway_database(workdir: Path, use_postgres: bool, server: str):
    """Yield the DATABASE_URL of an empty database that is dropped afterwards, whatever happens."""
    if not use_postgres:
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    name = f"bench_jobdesc_{secrets.token_hex(4)}"
    _execute(server, f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server, name)
    finally:
        _execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
