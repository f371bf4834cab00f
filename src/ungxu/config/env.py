"""Typed readers for environment variables.

Every helper fails loudly with `ImproperlyConfigured`, naming the variable and the bad value, so a
typo in a deployment stops the process at start-up instead of silently falling back to a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

Environ = Mapping[str, str]


def _raw(name: str, environ: Environ | None) -> str | None:
    source = os.environ if environ is None else environ
    value = source.get(name)
    return None if value is None else value.strip()


def _fail(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"Biến môi trường {name} có giá trị không hợp lệ {value!r}: cần {expected}."
    )


def env_str(name: str, default: str = "", *, environ: Environ | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool = False, *, environ: Environ | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise _fail(name, value, "true/false (1/0, yes/no, on/off)")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Environ | None = None,
) -> int:
    value = _raw(name, environ)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise _fail(name, value, "một số nguyên") from None
    if minimum is not None and number < minimum:
        raise _fail(name, value, f"số nguyên không nhỏ hơn {minimum}")
    if maximum is not None and number > maximum:
        raise _fail(name, value, f"số nguyên không lớn hơn {maximum}")
    return number


def env_list(name: str, default: list[str], *, environ: Environ | None = None) -> list[str]:
    """Comma-separated list; blank items are dropped."""
    value = _raw(name, environ)
    if value is None or value == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(
    name: str, default: str, choices: tuple[str, ...], *, environ: Environ | None = None
) -> str:
    value = env_str(name, default, environ=environ).lower()
    if value not in choices:
        raise _fail(name, value, "một trong " + ", ".join(choices))
    return value


def env_path(
    name: str, default: Path, *, create: bool = False, environ: Environ | None = None
) -> Path:
    """A directory path; relative values are resolved against the current directory."""
    value = _raw(name, environ)
    path = (Path(value) if value else default).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise _fail(name, str(path), "đường dẫn tới một thư mục")
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(name, str(path), f"thư mục có thể tạo được ({exc.strerror})") from None
    return path


def sqlite_database(path: Path) -> dict[str, Any]:
    """SQLite tuned for a small multi-process server: WAL so readers never block the writer,
    IMMEDIATE transactions so two writers queue on the busy timeout instead of deadlocking."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def database_from_env(
    default_sqlite_path: Path, name: str = "DATABASE_URL", *, environ: Environ | None = None
) -> dict[str, Any]:
    value = _raw(name, environ)
    if not value:
        return sqlite_database(default_sqlite_path)
    if value.startswith("sqlite:"):
        # dj-database-url would drop our WAL/IMMEDIATE options, so we build SQLite ourselves.
        raw_path = value.removeprefix("sqlite:").lstrip("/")
        if not raw_path:
            raise _fail(name, value, "sqlite:////đường/dẫn/tệp.sqlite3")
        return sqlite_database(
            Path("/" + raw_path) if value.startswith("sqlite:////") else Path(raw_path)
        )
    import dj_database_url

    try:
        config: dict[str, Any] = dict(dj_database_url.parse(value, conn_max_age=60))
    except Exception as exc:
        raise _fail(name, value, f"một URL cơ sở dữ liệu hợp lệ ({exc})") from None
    if not config.get("ENGINE"):
        raise _fail(name, value, "một URL cơ sở dữ liệu hợp lệ (postgres://…)")
    return config
