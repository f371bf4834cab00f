"""Which importers exist. Apps declare theirs in an `importers.py` module, found on first use."""

from __future__ import annotations

from django.http import Http404
from django.utils.module_loading import autodiscover_modules

from ungxu.imports.importer import Importer

_registry: dict[str, type[Importer]] = {}
_discovered = False


def register(cls: type[Importer]) -> type[Importer]:
    _registry[cls.name] = cls
    return cls


def all_importers() -> dict[str, type[Importer]]:
    global _discovered
    if not _discovered:
        autodiscover_modules("importers")
        _discovered = True
    return dict(_registry)


def get_importer(name: str) -> type[Importer]:
    try:
        return all_importers()[name]
    except KeyError:
        raise Http404("Không có loại dữ liệu này.") from None
