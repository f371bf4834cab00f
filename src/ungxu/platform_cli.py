"""Platform commands of the `ungxu` CLI: demo, serve, worker, scheduler, manage.

`serve` runs the web server, a task worker and the periodic-job scheduler as child processes and
stops them all on Ctrl-C (or when any dies), so one command gives a working installation. The web
server is waitress (a production-grade pure-Python WSGI server) serving the app with WhiteNoise for
static files.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ungxu.orgs.demo import DemoResult

SETTINGS_MODULE = "ungxu.config.settings"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    django.setup()


def run(command: str, args: Sequence[str]) -> int:
    handlers = {
        "manage": manage,
        "demo": demo,
        "serve": serve,
        "worker": worker,
        "scheduler": scheduler,
    }
    return handlers[command](list(args))


def manage(args: list[str]) -> int:
    """Any Django management command with our settings, e.g. `ungxu manage migrate`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ungxu manage", *args])
    return 0


def demo(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="ungxu demo", description="Tạo cơ sở dữ liệu, nạp dữ liệu mẫu, in tài khoản demo."
    )
    parser.add_argument("--people", type=int, default=300, help="số nhân sự mẫu (mặc định 300)")
    options = parser.parse_args(args)
    setup_django()
    from django.core.management import call_command

    print("Đang tạo/cập nhật cơ sở dữ liệu…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    collect_static_if_stale()
    from ungxu.orgs.demo import DEMO_PASSWORD_ENV, load_demo, print_logins

    result = load_demo(people=options.people)
    campaign_title = _load_demo_campaign(result)
    accounts_line, inbox_line = _load_demo_socials_and_inbox(result)
    print(
        f"Dữ liệu mẫu: {result.organisations} đơn vị, {result.people} nhân sự "
        f"({result.created} bản ghi mới).",
        flush=True,
    )
    if campaign_title:
        print(f"Đợt phổ biến mẫu: «{campaign_title}».", flush=True)
    print(accounts_line, flush=True)
    print(inbox_line, flush=True)
    print_logins(result)
    if not os.environ.get(DEMO_PASSWORD_ENV):
        print(f"(Đặt biến môi trường {DEMO_PASSWORD_ENV} để dùng mật khẩu khác.)")
    return 0


def _load_demo_campaign(result: DemoResult) -> str:
    """The demo campaign over the demo department, once: a second run finds it by title and
    changes nothing. Counted in `result.created` so the summary line stays truthful."""
    from ungxu.campaigns.demo import TITLE, load_demo_campaign
    from ungxu.campaigns.models import Campaign

    existed = Campaign.objects.filter(title=TITLE).exists()
    campaign = load_demo_campaign()
    if campaign is None:
        return ""
    if not existed:
        result.created += 1
    return campaign.title


def _load_demo_socials_and_inbox(result: DemoResult) -> tuple[str, str]:
    """Official accounts (with an incident) and a screened moderation inbox for the demo
    department; both loaders are idempotent and report the rows they added."""
    from ungxu.moderation.demo import load_demo_inbox
    from ungxu.socials.demo import load_demo_accounts

    accounts = load_demo_accounts()
    inbox = load_demo_inbox()
    result.created += accounts.created + inbox.created
    result.people += accounts.people  # the departed administrator joins the registry count
    return (
        f"Tài khoản chính thức mẫu: {accounts.accounts} tài khoản, "
        f"{accounts.incidents} sự cố giả mạo đang xử lý.",
        f"Hộp kiểm duyệt mẫu: {inbox.items} bình luận đã sàng lọc.",
    )


def collect_static_if_stale() -> bool:
    """Run collectstatic when a source file is newer than the manifest; True when it ran.
    `serve` calls it too: after an upgrade the manifest would otherwise lack a new file (every
    page naming it fails) or serve yesterday's CSS."""
    from django.conf import settings
    from django.core.management import call_command

    if settings.DEBUG or _static_is_fresh():
        return False
    print("Đang chuẩn bị tệp tĩnh…", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    return True


def _static_is_fresh() -> bool:
    """collectstatic takes seconds; skip it when the manifest is newer than every source file
    (ours and those of installed apps, e.g. after an upgrade adds one)."""
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    for finder in get_finders():
        for name, storage in finder.list([]):
            if Path(storage.path(name)).stat().st_mtime > built:
                return False
    return True


def worker(args: list[str]) -> int:
    """The task worker of the configured backend (database: db_worker; rq: rqworker)."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from ungxu.core.health import start_heartbeat

    start_heartbeat()
    if settings.TASKS_BACKEND_NAME == "rq":
        # django-tasks-rq needs its own Job class, which runs the Task instead of a bare function.
        call_command("rqworker", "default", "--job-class", "django_tasks_rq.Job", *args)
    elif settings.TASKS_BACKEND_NAME == "database":
        call_command("db_worker", "--no-reload", "--queue-name", "*", *args)
    else:
        print("Backend «immediate» chạy tác vụ ngay trong tiến trình web; không cần worker.")
    return 0


def scheduler(args: list[str]) -> int:
    """Enqueue the periodic jobs apps declare (`ungxu.core.schedule`) as their slots come due.
    Safe to run more than one: each slot is claimed once in the database."""
    parser = argparse.ArgumentParser(
        prog="ungxu scheduler", description="Đưa các công việc định kỳ vào hàng đợi đúng lịch."
    )
    parser.add_argument(
        "--interval", type=float, default=30, help="số giây giữa hai lần kiểm tra (mặc định 30)"
    )
    parser.add_argument("--once", action="store_true", help="kiểm tra một lần rồi thoát")
    options = parser.parse_args(args)
    setup_django()
    from ungxu.core.health import beat
    from ungxu.core.schedule import registered_jobs, run_forever

    def heartbeat() -> None:
        # A full disk must not stop the scheduler; /healthz will report it stale instead.
        with contextlib.suppress(OSError):
            beat("scheduler")

    if not options.once:
        for job in registered_jobs():
            print(f"Lịch định kỳ: {job.name} — {job.describe()}", flush=True)
    run_forever(options.interval, max_ticks=1 if options.once else None, on_tick=heartbeat)
    return 0


def serve(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="ungxu serve", description="Chạy máy chủ web và tiến trình nền."
    )
    parser.add_argument("--host", default=os.environ.get("UNGXU_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("UNGXU_PORT", "8000")))
    parser.add_argument("--threads", type=int, default=8, help="số luồng xử lý của máy chủ web")
    parser.add_argument("--no-worker", action="store_true", help="không chạy tiến trình nền")
    parser.add_argument(
        "--no-scheduler", action="store_true", help="không chạy bộ lập lịch công việc định kỳ"
    )
    options = parser.parse_args(args)
    setup_django()
    collect_static_if_stale()

    python = sys.executable
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE}
    children: list[subprocess.Popen[bytes]] = []
    web_code = (
        "import sys; from ungxu.platform_cli import run_web; "
        "run_web(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))"
    )
    children.append(
        subprocess.Popen(
            [python, "-c", web_code, options.host, str(options.port), str(options.threads)], env=env
        )
    )
    if not options.no_worker:
        children.append(subprocess.Popen([python, "-m", "ungxu", "worker"], env=env))
    if not options.no_scheduler:
        children.append(subprocess.Popen([python, "-m", "ungxu", "scheduler"], env=env))
    host = "127.0.0.1" if options.host in ("0.0.0.0", "::") else options.host
    print(f"\nĐang chạy tại http://{host}:{options.port}/  (bấm Ctrl-C để dừng)\n", flush=True)

    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.3)
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + 10
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
    failed = [c.returncode for c in children if c.returncode not in (0, -signal.SIGTERM, None)]
    if not stopping and failed:
        print("Một tiến trình con đã dừng bất thường; đã dừng tất cả.", file=sys.stderr)
        return 1
    print("Đã dừng máy chủ web và tiến trình nền.")
    return 0


def run_web(host: str, port: int, threads: int) -> None:
    """Child process of `serve`: the WSGI app under waitress."""
    setup_django()
    from waitress import serve as waitress_serve  # type: ignore[import-untyped, unused-ignore]

    from ungxu.config.wsgi import application

    # Ctrl-C reaches the whole process group; the parent reports the shutdown.
    with contextlib.suppress(KeyboardInterrupt):
        waitress_serve(application, host=host, port=port, threads=threads, ident="ungxu")


def main(argv: Sequence[str] | None = None) -> int:  # pragma: no cover - convenience
    args = list(sys.argv[1:] if argv is None else argv)
    return run(args[0], args[1:])
