"""`ungxu serve` and `ungxu demo` re-collect static files when a source is newer than the
manifest, so an upgrade never serves stale CSS or misses a new file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ungxu.platform_cli import collect_static_if_stale


def test_static_files_are_collected_when_the_manifest_is_older_than_a_source(
    settings: Any, tmp_path: Path
) -> None:
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    manifest = settings.STATIC_ROOT / "staticfiles.json"

    assert collect_static_if_stale() is True  # nothing collected yet
    assert (settings.STATIC_ROOT / "ungxu" / "css" / "ungxu.css").exists()

    manifest.write_text("{}")  # a manifest newer than every source: nothing to do
    assert collect_static_if_stale() is False

    os.utime(manifest, (0, 0))  # a source changed after the last collection
    assert collect_static_if_stale() is True


def test_serve_prepares_static_files_before_starting_its_processes() -> None:
    import inspect

    from ungxu import platform_cli

    source = inspect.getsource(platform_cli.serve)
    assert source.index("collect_static_if_stale()") < source.index("subprocess.Popen")
