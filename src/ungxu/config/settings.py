"""Django settings for ungxu, read from environment variables (see docs/platform.md).

Defaults give a working embedded install: SQLite and database-backed tasks in `UNGXU_DATA_DIR`.
Every variable goes through the typed helpers in `env.py`, which stop start-up on a bad value.
"""

from __future__ import annotations

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

from ungxu.config.env import (
    database_from_env,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_path,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/ungxu
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]

DATA_DIR = env_path("UNGXU_DATA_DIR", Path.cwd() / "var", create=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else generated once and kept in the data directory."""
    from_env = env_str("SECRET_KEY")
    if from_env:
        return from_env
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    # Write to a private temporary file (0600 from the start), then link it into place: the link
    # fails if another process (web and worker start together) won the race, and we read theirs.
    tmp_file = DATA_DIR / f".secret_key.{os.getpid()}"
    fd = os.open(tmp_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    try:
        os.link(tmp_file, key_file)
    except FileExistsError:
        key = key_file.read_text(encoding="utf-8").strip()
    finally:
        tmp_file.unlink(missing_ok=True)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI files served locally, no CDN
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ungxu.core",
    "ungxu.audit",
    "ungxu.orgs",
    "ungxu.access",
    "ungxu.imports",
    "ungxu.dashboard",
    "ungxu.moderation",
    "ungxu.campaigns",
    "ungxu.socials",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ungxu.access.middleware.SecurityHeadersMiddleware",  # Permissions-Policy
    # htmx-aware redirects sit outside the TOTP gate so they also see the gate's redirects.
    "ungxu.access.middleware.HtmxAuthRedirectMiddleware",
    # After OTP + messages: privileged roles must pass TOTP (UNGXU_REQUIRE_TOTP) before any page.
    "ungxu.access.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ungxu.core.middleware.ContentSecurityPolicyMiddleware",
    "ungxu.audit.middleware.AuditContextMiddleware",
    # django-axes wants to be last so it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ungxu.config.urls"
WSGI_APPLICATION = "ungxu.config.wsgi.application"
ASGI_APPLICATION = "ungxu.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["ungxu.core.templatetags.vn"],
        },
    }
]

DATABASES = {"default": database_from_env(DATA_DIR / "ungxu.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if TESTING:
    # Hashing is the slowest part of a test that creates users; MD5 is fine for throwaway data.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "access:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "access:login"

# Sessions: a working day at most, and gone when the browser closes.
SESSION_COOKIE_AGE = env_int("UNGXU_SESSION_SECONDS", 8 * 60 * 60, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

HTTPS = env_bool("UNGXU_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Read by ungxu.core.middleware; templates keep to it (no inline script or style attributes).
UNGXU_CSP = env_str(
    "UNGXU_CSP",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
UNGXU_REQUIRE_TOTP = env_bool("UNGXU_REQUIRE_TOTP", False)
# Địa danh prefilled on công văn drafts; blank → derived from the root unit ("Tỉnh X" → "X").
UNGXU_AGENCY_PLACE = env_str("UNGXU_AGENCY_PLACE")

# django-axes: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("UNGXU_LOGIN_FAILURE_LIMIT", 5, minimum=1)
# A timedelta: axes reads a bare number as hours, and the product wants minutes (default 15).
AXES_COOLOFF_TIME = timedelta(minutes=env_int("UNGXU_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its start-up banner is noise in every command
AXES_ENABLED = env_bool("UNGXU_AXES_ENABLED", True)
AXES_LOCKOUT_CALLABLE = "ungxu.access.views.locked_out"  # Vietnamese lockout page

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # our CSS/JS live beside templates/, not in an app
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every request when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
_STATIC_BACKEND = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG or TESTING
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": _STATIC_BACKEND},
}

# Mail: console by default; "file" writes each message to DATA_DIR/mail; "smtp" uses UNGXU_SMTP_*.
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_BACKENDS[
    env_choice("UNGXU_EMAIL_BACKEND", "console", tuple(_EMAIL_BACKENDS))
]
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env_str("UNGXU_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("UNGXU_SMTP_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("UNGXU_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("UNGXU_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("UNGXU_SMTP_TLS", True)
DEFAULT_FROM_EMAIL = env_str("UNGXU_FROM_EMAIL", "ungxu@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: one interface (django-tasks), the backend picked by environment.
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND_NAME = env_choice("UNGXU_TASKS_BACKEND", "database", tuple(_TASK_BACKENDS))
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND_NAME], "QUEUES": ["default"]}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated API call then gets 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "ungxu.config.api_errors.vietnamese_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ungxu API",
    "DESCRIPTION": "API của hệ thống thực hiện Bộ Quy tắc ứng xử trên mạng xã hội.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("UNGXU_LOG_LEVEL", "INFO").upper()},
}
