from django.urls import reverse

from ungxu.orgs.models import Organisation


def test_the_tree_nests_sub_units_under_their_parent(world):
    page = world.client("coordinator").get(reverse("orgs:organisation_list"))
    nodes = page.context["nodes"]
    assert [node["org"].code for node in nodes] == ["SO"]
    assert [child["org"].code for child in nodes[0]["children"]] == ["PA", "PB"]
    assert [c["org"].code for c in nodes[0]["children"][0]["children"]] == ["PA-1"]
    assert nodes[0]["subtree_people"] == 3
    assert nodes[0]["children"][0]["subtree_people"] == 2


def test_a_unit_heads_tree_starts_at_their_own_unit(world):
    nodes = world.client("head_a").get(reverse("orgs:organisation_list")).context["nodes"]
    assert [node["org"].code for node in nodes] == ["PA"]


def test_the_tree_search_answers_htmx_with_the_matching_units_only(world):
    response = world.client("coordinator").get(
        reverse("orgs:organisation_list"), {"q": "pa-1"}, headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert "Tổ A1" in text and "Phòng B" not in text and "<html" not in text


def test_a_coordinator_creates_a_sub_unit_with_an_upper_cased_code(world):
    response = world.client("coordinator").post(
        reverse("orgs:organisation_create"),
        {
            "name": "Tổ B1",
            "code": "pb-1",
            "kind": "subunit",
            "parent": world.unit_b.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(code="PB-1")
    assert org.parent == world.unit_b
    assert org.path.startswith(world.unit_b.path)


def test_the_organisation_form_explains_a_bad_or_taken_code_in_vietnamese(world):
    client = world.client("coordinator")
    url = reverse("orgs:organisation_create")
    data = {"name": "Tổ mới", "kind": "unit", "parent": world.root.pk}
    taken = client.post(url, {**data, "code": "PA"}).content.decode()
    assert "Mã đơn vị này đã được dùng" in taken
    bad = client.post(url, {**data, "code": "Sở NN"}).content.decode()
    assert "chữ in hoa không dấu" in bad
    missing_parent = client.post(url, {**data, "code": "TM", "parent": ""}).content.decode()
    assert "Vui lòng chọn đơn vị cấp trên" in missing_parent


def test_moving_through_the_page_rewrites_the_subtree_and_shows_in_history(world):
    client = world.client("coordinator")
    response = client.post(
        reverse("orgs:organisation_move", args=[world.unit_a.pk]), {"parent": world.unit_b.pk}
    )
    assert response.status_code == 302
    world.subunit_a1.refresh_from_db()
    assert world.subunit_a1.path.startswith(world.unit_b.path)
    client.post(
        reverse("orgs:organisation_edit", args=[world.unit_a.pk]),
        {"name": "Phòng A (mới)", "code": "PA", "kind": "unit", "is_active": "on"},
    )
    detail = client.get(
        reverse("orgs:organisation_detail", args=[world.unit_a.pk])
    ).content.decode()
    assert "Chuyển đơn vị cấp trên" in detail
    assert "Sở Thử nghiệm → Phòng B" in detail
    assert "Phòng A → Phòng A (mới)" in detail


def test_the_move_page_does_not_offer_the_units_own_subtree(world):
    response = world.client("coordinator").get(
        reverse("orgs:organisation_move", args=[world.unit_a.pk])
    )
    offered = {org.code for org in response.context["form"].fields["parent"].queryset}
    assert offered == {"SO", "PB"}


def test_moving_under_its_own_sub_unit_by_posting_is_refused(world):
    response = world.client("coordinator").post(
        reverse("orgs:organisation_move", args=[world.unit_a.pk]), {"parent": world.subunit_a1.pk}
    )
    assert response.status_code == 200
    world.unit_a.refresh_from_db()
    assert world.unit_a.parent == world.root


def test_the_detail_page_lists_people_and_sub_units(world):
    page = world.client("leader").get(reverse("orgs:organisation_detail", args=[world.unit_a.pk]))
    text = page.content.decode()
    assert "Tổ A1" in text and "Nguyễn Văn An" in text
    assert "Sửa</a>" not in text  # leadership is read-only: no edit button
