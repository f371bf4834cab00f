"""Small builders for socials tests (real database rows, no mocks)."""

from __future__ import annotations

from typing import Any

from ungxu.orgs.models import Organisation
from ungxu.socials.models import OfficialAccount
from ungxu.socials_core import normalise_handle


def make_account(
    organisation: Organisation,
    name: str = "Sở Thử nghiệm",
    url: str = "https://www.facebook.com/sothunghiem",
    platform: str = "facebook_page",
    **extra: Any,
) -> OfficialAccount:
    address = normalise_handle(platform, url)
    return OfficialAccount.objects.create(
        organisation=organisation,
        platform=platform,
        name=name,
        url=address.url,
        handle=address.handle,
        **extra,
    )
