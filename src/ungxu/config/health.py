"""GET /healthz — implemented in ungxu.core.health (database and worker status as JSON)."""

from ungxu.core.health import urlpatterns

__all__ = ["urlpatterns"]
