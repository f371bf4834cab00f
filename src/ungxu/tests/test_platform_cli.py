"""The platform CLI end to end, in real child processes on a throwaway SQLite data directory."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def cli_env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    # Embedded default, whatever backend the test run itself uses.
    env.update(
        UNGXU_DATA_DIR=str(data_dir),
        UNGXU_TASKS_BACKEND="database",
        UNGXU_DEMO_PASSWORD="demo-thu-nghiem",
    )
    return env


def ungxu(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ungxu", *args], env=env, capture_output=True, text=True, timeout=300
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_manage_runs_django_commands_with_our_settings(tmp_path: Path) -> None:
    result = ungxu("manage", "check", env=cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_demo_then_serve_runs_web_worker_and_scheduler_and_ctrl_c_stops_them(
    tmp_path: Path,
) -> None:
    env = cli_env(tmp_path)
    demo = ungxu("demo", "--people", "30", env=env)
    assert demo.returncode == 0, demo.stderr
    assert "| truongdonvi " in demo.stdout and "demo-thu-nghiem" in demo.stdout
    assert "Đợt phổ biến mẫu:" in demo.stdout
    assert ungxu("demo", "--people", "30", env=env).stdout.count("(0 bản ghi mới)") == 1

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ungxu", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=2
                ) as response:
                    health = json.load(response)
                if health["tasks"]["worker"] == "ok" and health["scheduler"]["status"] == "ok":
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert health is not None and health["status"] == "ok"
        assert health["tasks"] == {**health["tasks"], "backend": "database", "worker": "ok"}
        assert health["scheduler"]["status"] == "ok"
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, output
    assert f"http://127.0.0.1:{port}/" in output
    assert "Đã dừng máy chủ web và tiến trình nền." in output
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more
