from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ungxu.config.env import (
    database_from_env,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_path,
    env_str,
)


def test_env_bool_reads_the_usual_spellings():
    assert env_bool("X", environ={"X": "Yes"}) is True
    assert env_bool("X", environ={"X": "0"}) is False
    assert env_bool("X", True, environ={}) is True


def test_env_bool_fails_loudly_naming_the_variable_and_value():
    with pytest.raises(ImproperlyConfigured, match=r"DEBUG.*'maybe'"):
        env_bool("DEBUG", environ={"DEBUG": "maybe"})


def test_env_int_checks_type_and_range():
    assert env_int("N", 5, environ={"N": " 7 "}) == 7
    with pytest.raises(ImproperlyConfigured, match=r"UNGXU_SMTP_PORT.*'abc'"):
        env_int("UNGXU_SMTP_PORT", 25, environ={"UNGXU_SMTP_PORT": "abc"})
    with pytest.raises(ImproperlyConfigured, match="không nhỏ hơn 1"):
        env_int("N", 5, minimum=1, environ={"N": "0"})


def test_env_list_splits_on_commas_and_drops_blanks():
    assert env_list("H", ["a"], environ={"H": "x.vn, ,y.vn"}) == ["x.vn", "y.vn"]
    assert env_list("H", ["a"], environ={}) == ["a"]


def test_env_choice_refuses_unknown_values():
    assert env_choice("B", "database", ("database", "rq"), environ={"B": "RQ"}) == "rq"
    with pytest.raises(ImproperlyConfigured, match=r"UNGXU_TASKS_BACKEND.*'celery'"):
        env_choice(
            "UNGXU_TASKS_BACKEND",
            "database",
            ("database", "rq"),
            environ={"UNGXU_TASKS_BACKEND": "celery"},
        )


def test_env_str_treats_empty_as_unset():
    assert env_str("S", "mặc định", environ={"S": ""}) == "mặc định"


def test_env_path_creates_the_directory_and_refuses_a_file(tmp_path: Path):
    target = tmp_path / "data" / "sub"
    assert env_path("D", tmp_path, create=True, environ={"D": str(target)}) == target
    assert target.is_dir()
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ImproperlyConfigured, match="UNGXU_DATA_DIR"):
        env_path("UNGXU_DATA_DIR", tmp_path, environ={"UNGXU_DATA_DIR": str(a_file)})


def test_sqlite_is_the_default_with_wal_and_a_busy_timeout(tmp_path: Path):
    config = database_from_env(tmp_path / "db.sqlite3", environ={})
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] == 20
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_postgres_url_configures_postgresql():
    config = database_from_env(
        Path("/unused"), environ={"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/ungxu"}
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "ungxu"
    assert config["HOST"] == "127.0.0.1"


def test_a_sqlite_url_keeps_our_sqlite_tuning():
    config = database_from_env(Path("/unused"), environ={"DATABASE_URL": "sqlite:////tmp/x.db"})
    assert config["NAME"] == "/tmp/x.db"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_a_malformed_database_url_fails_loudly():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_env(Path("/unused"), environ={"DATABASE_URL": "nonsense://"})
