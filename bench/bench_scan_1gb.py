#!/usr/bin/env python
"""Scan a large generated file with `ungxu scan`, sampling memory to show it stays constant.

    .venv/bin/python bench/bench_scan_1gb.py [--size 1G] [--keep PATH]

The input is generated lazily (streamed to disk, never held in memory) from the benchmark's comment
generator, as JSONL with ids. `ungxu scan` runs in a child process writing to /dev/null; its
resident memory (VmRSS) is sampled twice a second. Prints throughput and the RSS at 10 %, 50 % and
the end of the run: constant memory means those stay flat while the bytes read grow.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_comments import comments

ROOT = Path(__file__).resolve().parents[1]
UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def parse_size(value: str) -> int:
    value = value.strip().upper().removesuffix("B")
    if value and value[-1] in UNITS:
        return int(float(value[:-1]) * UNITS[value[-1]])
    return int(value)


def generate(path: Path, size: int) -> int:
    """Write JSONL comments until `size` bytes; returns the number of records."""
    n = 0
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        seed = 0
        while written < size:
            for text in comments(10_000, seed=seed):
                line = json.dumps({"id": f"c{n}", "text": text}, ensure_ascii=False) + "\n"
                fh.write(line)
                written += len(line.encode())
                n += 1
                if written >= size:
                    break
            seed += 1
    return n


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description="Quét tệp lớn bằng ungxu scan, đo bộ nhớ.")
    parser.add_argument("--size", default="1G", help="kích thước tệp sinh ra (ví dụ 50M, 1G)")
    parser.add_argument("--keep", metavar="PATH", help="giữ tệp sinh ra tại đây (mặc định: xoá)")
    args = parser.parse_args()
    size = parse_size(args.size)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "big.jsonl"
        t0 = time.perf_counter()
        records = generate(path, size)
        print(
            f"Sinh {path.stat().st_size / 1e6:,.0f} MB, {records:,} bản ghi trong {time.perf_counter() - t0:.0f} giây"
        )
        env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
        cmd = [
            sys.executable,
            "-m",
            "ungxu",
            "scan",
            str(path),
            "--id-column",
            "id",
            "--output",
            os.devnull,
        ]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
        samples: list[tuple[float, float]] = []
        while proc.poll() is None:
            mb = rss_mb(proc.pid)
            if mb is not None:
                samples.append((time.perf_counter() - started, mb))
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        err = proc.stderr.read() if proc.stderr else ""
    print(err.strip().splitlines()[-1] if err.strip() else "(scan không in gì)")
    print(
        f"Mã thoát {proc.returncode}; {records / seconds:,.0f} bản ghi/giây, {size / seconds / 1e6:.2f} MB/giây (cả khởi động)"
    )
    if samples:

        def at(frac: float) -> float:
            return samples[min(int(len(samples) * frac), len(samples) - 1)][1]

        print(
            f"RSS tiến trình scan: 10% {at(0.1):.0f} MB · 50% {at(0.5):.0f} MB · cuối {samples[-1][1]:.0f} MB · "
            f"lớn nhất {max(m for _, m in samples):.0f} MB ({len(samples)} lần đo)"
        )


if __name__ == "__main__":
    main()
