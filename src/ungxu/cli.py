"""The `ungxu` command.

Engine commands (check, scan, model) never import Django, so they start fast and run on machines
without the platform configured. Platform commands (serve, demo, worker, scheduler, manage) set Django up.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

ENGINE_COMMANDS = {"check", "scan", "model"}
PLATFORM_COMMANDS = {"serve", "demo", "worker", "scheduler", "manage"}

USAGE = """Cách dùng: ungxu LỆNH [tham số]

Sàng lọc nội dung (không cần cơ sở dữ liệu):
  check    kiểm tra một đoạn văn bản
  scan     quét một tệp (.txt, .csv, .tsv, .jsonl), ghi kết quả JSONL
  model    huấn luyện (train) hoặc đánh giá (evaluate) mô hình phân loại

Nền tảng web:
  demo     tạo cơ sở dữ liệu, nạp dữ liệu mẫu và in tài khoản đăng nhập
  serve    chạy máy chủ web và tiến trình nền
  worker   chỉ chạy tiến trình nền
  scheduler  chỉ chạy bộ lập lịch (đưa công việc định kỳ vào hàng đợi)
  manage   lệnh quản trị Django (ví dụ: ungxu manage migrate)
"""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command in ENGINE_COMMANDS:
        from ungxu.screening.cli import run as run_engine_command

        return run_engine_command(command, rest)
    if command in PLATFORM_COMMANDS:
        from ungxu.platform_cli import run as run_platform_command

        return run_platform_command(command, rest)
    print(f"Lệnh không hợp lệ: {command!r}\n", file=sys.stderr)
    print(USAGE, file=sys.stderr)
    return 2
