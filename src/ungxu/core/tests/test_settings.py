import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SNIPPET = "from django.conf import settings; print(settings.SECRET_KEY)"


def _run(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environ.update(
        {"DJANGO_SETTINGS_MODULE": "ungxu.config.settings", "UNGXU_DATA_DIR": str(data_dir)}, **env
    )
    code = f"import django; django.setup(); {SNIPPET}"
    return subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_the_secret_key_is_generated_once_private_and_reused(tmp_path):
    first = _run(tmp_path)
    second = _run(tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip() != ""
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
    assert (tmp_path / "static").is_dir()


@pytest.mark.slow
def test_a_bad_setting_stops_start_up_naming_the_variable(tmp_path):
    result = _run(tmp_path, UNGXU_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "UNGXU_TASKS_BACKEND" in result.stderr
    assert "'celery'" in result.stderr
