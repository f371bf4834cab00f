from django.contrib.auth import get_user_model
from django.test import Client

from ungxu.core import scoping
from ungxu.core.testing import make_user
from ungxu.orgs.models import Organisation, Person


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


def test_a_grant_applies_to_the_node_and_its_whole_subtree(world):
    assert codes(scoping.visible_organisations(world.user("head_a"))) == {"PA", "PA-1"}
    assert codes(scoping.visible_organisations(world.user("coordinator"))) == {
        "SO",
        "PA",
        "PA-1",
        "PB",
    }


def test_users_without_grants_and_anonymous_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not scoping.visible_organisations(world.user("stranger")).exists()
    assert not scoping.visible_organisations(AnonymousUser()).exists()
    assert not scoping.can(AnonymousUser(), scoping.VIEW, world.root)


def test_superusers_count_as_admin_everywhere_even_on_other_trees(world):
    other = Organisation.objects.create(name="Tỉnh khác", code="TK")
    root = get_user_model().objects.create_superuser("root", password="x-Y-z-123")
    assert scoping.can(root, scoping.MANAGE_ORGS, other)
    assert scoping.can(root, scoping.MANAGE_ORGS, None)
    assert "TK" in codes(scoping.visible_organisations(root))
    assert not scoping.can(world.user("admin"), scoping.VIEW, other)


def test_scope_filters_any_model_through_its_organisation_field(world):
    people = scoping.scope(Person.objects.all(), world.user("head_b"))
    assert set(people.values_list("code", flat=True)) == {"NSB01"}


def test_can_follows_the_capability_table(world):
    head_a, leader = world.user("head_a"), world.user("leader")
    assert scoping.can(head_a, scoping.MANAGE_PEOPLE, world.subunit_a1)
    assert not scoping.can(head_a, scoping.MANAGE_PEOPLE, world.unit_b)
    assert not scoping.can(head_a, scoping.MANAGE_ORGS, world.unit_a)
    assert scoping.can(leader, scoping.VIEW, world.unit_b)
    assert not scoping.can(leader, scoping.MANAGE_PEOPLE, world.unit_b)
    assert not scoping.can(world.user("moderator_a"), scoping.VIEW_AUDIT, world.unit_a)


def test_several_grants_combine_and_nested_ones_do_not_duplicate_rows(world):
    user = make_user("multi", role="staff", organisation=world.unit_a)
    from ungxu.orgs.models import RoleGrant

    RoleGrant.objects.create(user=user, role="unit_head", organisation=world.subunit_a1)
    RoleGrant.objects.create(user=user, role="staff", organisation=world.unit_b)
    visible = scoping.visible_organisations(user)
    assert visible.count() == 3
    assert scoping.allowed_paths(user, scoping.MANAGE_PEOPLE) == [world.subunit_a1.path]


def test_deactivating_a_unit_does_not_lock_out_its_own_head(world):
    world.unit_a.is_active = False
    world.unit_a.save()
    assert codes(scoping.visible_organisations(world.user("head_a"))) == {"PA", "PA-1"}


def test_after_a_move_the_new_parents_unit_head_sees_the_moved_subtree(world):
    world.unit_a.move_to(world.unit_b)
    head_b = get_user_model().objects.get(username="head_b")  # fresh: grants are cached per object
    assert codes(scoping.visible_organisations(head_b)) == {"PB", "PA", "PA-1"}


def test_every_response_carries_a_content_security_policy_without_inline_script(world):
    response = Client().get("/account/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
