"""The Địa danh of a công văn draft starts filled in, and stays editable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ungxu.socials import notices
from ungxu.socials.incidents import open_impersonation
from ungxu.socials.models import NoticeKind
from ungxu.socials.tests.factories import make_account


def _incident(org):
    official = make_account(org, name="Phòng A", url="https://facebook.com/phongaplace")
    return open_impersonation(
        official=official,
        impostor_name="Phong A - Chinh thuc",
        impostor_url="https://facebook.com/phonga.fake",
        score=0.9,
        reasons=["bỏ dấu"],
    )


@pytest.mark.parametrize(
    ("root_name", "place"),
    [
        ("Tỉnh Ninh Bình", "Ninh Bình"),
        ("UBND tỉnh Ninh Bình", "Ninh Bình"),
        ("Thành phố Hà Nội", "Hà Nội"),
        ("Sở Thử nghiệm", ""),
    ],
)
def test_the_place_defaults_to_the_province_named_by_the_root_unit(
    world, settings, root_name, place
):
    settings.UNGXU_AGENCY_PLACE = ""
    world.root.name = root_name
    world.root.save()
    notice = notices.get_or_draft(_incident(world.unit_a), NoticeKind.CONG_VAN)
    assert notice.place == place


def test_the_configured_agency_place_wins_over_the_root_units_name(world, settings):
    settings.UNGXU_AGENCY_PLACE = "Hoa Lư"
    world.root.name = "Tỉnh Ninh Bình"
    world.root.save()
    notice = notices.get_or_draft(_incident(world.unit_a), NoticeKind.CONG_VAN)
    assert notice.place == "Hoa Lư"


def test_the_cong_van_form_shows_the_prefilled_place_and_keeps_an_edit(world, settings):
    settings.UNGXU_AGENCY_PLACE = ""
    world.root.name = "Tỉnh Ninh Bình"
    world.root.save()
    incident = _incident(world.unit_a)
    client = world.client("head_a")
    edit = reverse("socials:notice_edit", args=[incident.pk, "cong_van"])
    form = client.get(edit).context["form"]
    assert form.initial["place"] == "Ninh Bình" and not form.fields["place"].disabled
    data = {name: (form.initial.get(name) or "") for name in form.fields}
    data.update(place="Tam Điệp", signer_name="Lê Văn Sơn", signer_title="Trưởng phòng")
    client.post(edit, data)
    assert incident.notices.get(kind=NoticeKind.CONG_VAN).place == "Tam Điệp"
