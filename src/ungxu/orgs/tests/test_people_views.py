import pytest
from django.urls import reverse

from ungxu.core.testing import make_person, make_user
from ungxu.orgs.models import Person, RoleGrant
from ungxu.orgs.validators import normalise_vn_phone


def _person_data(world, **overrides):
    data = {
        "code": "nsa99",
        "full_name": "  Phạm   Thị Dung ",
        "position": "Chuyên viên",
        "organisation": world.unit_a.pk,
        "employment_category": "vien_chuc",
        "email": "Dung@Example.gov.vn",
        "phone": "+84 912 345 678",
        "joined_on": "2025-02-01",
    }
    data.update(overrides)
    return data


def test_a_unit_head_adds_a_person_and_the_fields_are_normalised(world):
    response = world.client("head_a").post(reverse("orgs:person_create"), _person_data(world))
    assert response.status_code == 302
    person = Person.objects.get(code="NSA99")
    assert person.full_name == "Phạm Thị Dung"
    assert person.email == "dung@example.gov.vn"
    assert person.phone == "0912345678"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Số điện thoại không đúng định dạng Việt Nam"),
        ("email", "khong-phai-email", "Địa chỉ thư điện tử không hợp lệ"),
        ("code", "NSA01", "Mã nhân sự này đã được dùng"),
        ("full_name", "", "Vui lòng nhập họ và tên"),
    ],
)
def test_the_person_form_shows_vietnamese_errors_inline(world, field, value, message):
    response = world.client("head_a").post(
        reverse("orgs:person_create"), _person_data(world, **{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("0912345678", "0912345678"),
        ("091.234.5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(0236) 3821 234", "02363821234"),
        ("", ""),
    ],
)
def test_vietnamese_phone_formats_are_accepted_and_normalised(raw, normalised):
    assert normalise_vn_phone(raw) == normalised


@pytest.mark.parametrize("raw", ["0123", "0112345678", "09123456789", "abc", "+1 202 555 0100"])
def test_phone_numbers_that_are_not_vietnamese_are_refused(raw):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalise_vn_phone(raw)


def test_search_finds_people_by_name_email_or_code(world):
    client = world.client("coordinator")
    for query in ["bình", "nsa11", "nsa11@example"]:
        page = client.get(reverse("orgs:person_list"), {"q": query}).content.decode()
        assert "Trần Thị Bình" in page
        assert "Nguyễn Văn An" not in page


def test_the_unit_filter_includes_the_whole_subtree(world):
    page = world.client("coordinator").get(reverse("orgs:person_list"), {"org": world.unit_a.pk})
    text = page.content.decode()
    assert "Nguyễn Văn An" in text and "Trần Thị Bình" in text
    assert "Lê Văn Cường" not in text


def test_the_role_and_category_filters_narrow_the_list(world):
    client = world.client("coordinator")
    by_role = client.get(reverse("orgs:person_list"), {"role": "staff"}).content.decode()
    assert "Nguyễn Văn An" in by_role and "Lê Văn Cường" not in by_role
    by_category = client.get(
        reverse("orgs:person_list"), {"category": "vien_chuc"}
    ).content.decode()
    assert "Nguyễn Văn An" not in by_category


def test_live_search_returns_only_the_results_partial_to_htmx(world):
    response = world.client("coordinator").get(
        reverse("orgs:person_list"), {"q": "An"}, headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert "Nguyễn Văn An" in text
    assert "<html" not in text


def test_the_people_list_does_not_grow_queries_with_the_number_of_people(
    world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("coordinator")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("orgs:person_list"))
    for number in range(40):
        user = make_user(f"user{number}", role="staff", organisation=world.unit_b)
        make_person(f"NSX{number:03d}", f"Người {number}", world.unit_b, user=user)
    # session, user, grants, count, page, units of the filter, roles prefetch (+ the shell's own)
    with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as many:
        response = client.get(reverse("orgs:person_list"))
    assert response.context["page_obj"].paginator.count == 43
    assert len(many) == len(few)


def test_a_coordinator_grants_and_revokes_a_role_and_both_are_audited(world):
    from ungxu.audit.models import AuditEntry

    client = world.client("coordinator")
    response = client.post(
        reverse("orgs:role_grant", args=[world.person_a.pk]),
        {"role": "moderator", "organisation": world.unit_a.pk},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=world.user("staff_a"), role="moderator")
    client.post(reverse("orgs:role_revoke", args=[world.person_a.pk, grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    actions = list(
        AuditEntry.objects.filter(content_type__model="rolegrant", object_id=str(grant.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "delete"]


def test_only_an_admin_may_grant_the_admin_role(world):
    response = world.client("coordinator").post(
        reverse("orgs:role_grant", args=[world.person_a.pk]),
        {"role": "admin", "organisation": world.unit_a.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert not RoleGrant.objects.filter(user=world.user("staff_a"), role="admin").exists()
    assert not RoleGrant.objects.filter(user=world.user("staff_a"), role="admin").exists()


def test_a_unit_head_cannot_grant_roles(world):
    response = world.client("head_a").post(
        reverse("orgs:role_grant", args=[world.person_a.pk]),
        {"role": "unit_head", "organisation": world.unit_a.pk},
    )
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(user=world.user("staff_a"), role="unit_head").exists()
