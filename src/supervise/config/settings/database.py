"""`DATABASE_URL` (`sqlite:///PATH` or `postgres://…`) to Django's DATABASES; SQLite under var/
when unset (INTERCHANGE.md: "without it, a SQLite file under the project's var/ folder")."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse


def project_root() -> Path:
    """The checkout's root (where var/ lives), or the working directory for an installed copy."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd()


def default_sqlite_path() -> Path:
    return project_root() / "var" / "supervise.sqlite3"


def parse_database_url(url: str | None) -> dict[str, Any]:
    if not url:
        path = default_sqlite_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return _sqlite(str(path))
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative.db -> "relative.db"; sqlite:////abs/path.db -> "/abs/path.db"
        path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
        if not path:
            raise ValueError("DATABASE_URL sqlite:///PATH needs a file path")
        return _sqlite(path)
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "ATOMIC_REQUESTS": False,
        }
    raise ValueError(f"DATABASE_URL scheme {parsed.scheme!r} is not sqlite or postgres")


def _sqlite(path: str) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {"timeout": 20, "init_command": "PRAGMA foreign_keys=ON;"},
    }


def database_from_environment() -> dict[str, Any]:
    return parse_database_url(os.environ.get("DATABASE_URL"))
