import pytest
from django.core.exceptions import ValidationError

from ungxu.core.testing import make_org
from ungxu.core.views import history_for
from ungxu.orgs.models import Organisation


def test_a_new_node_gets_its_parents_path_followed_by_its_own_padded_id(world):
    a1 = world.subunit_a1
    assert a1.path == f"{world.root.pk:06d}.{world.unit_a.pk:06d}.{a1.pk:06d}."
    assert a1.depth == 2
    assert world.root.depth == 0


def test_subtree_contains_the_node_and_all_descendants_only(world):
    codes = set(Organisation.objects.subtree(world.unit_a).values_list("code", flat=True))
    assert codes == {"PA", "PA-1"}
    assert set(Organisation.objects.descendants(world.root).values_list("code", flat=True)) == {
        "PA",
        "PA-1",
        "PB",
    }


def test_ancestors_run_from_the_root_down_to_the_parent(world):
    assert list(world.subunit_a1.ancestors()) == [world.root, world.unit_a]
    assert list(world.root.ancestors()) == []


def test_moving_a_node_rewrites_the_paths_of_its_whole_subtree(world):
    deep = make_org("Nhóm A1-x", "PA-1-X", world.subunit_a1)
    world.unit_a.move_to(world.unit_b)
    deep.refresh_from_db()
    world.subunit_a1.refresh_from_db()
    assert world.subunit_a1.path.startswith(world.unit_b.path + f"{world.unit_a.pk:06d}.")
    assert deep.path.startswith(world.subunit_a1.path)
    assert deep.depth == 4
    assert set(Organisation.objects.subtree(world.unit_b).values_list("code", flat=True)) == {
        "PB",
        "PA",
        "PA-1",
        "PA-1-X",
    }


def test_changing_the_parent_through_save_also_rewrites_the_subtree(world):
    world.unit_a.parent = world.unit_b
    world.unit_a.save()
    world.subunit_a1.refresh_from_db()
    assert world.subunit_a1.path.startswith(world.unit_b.path)


def test_moving_a_node_under_its_own_descendant_is_refused_in_vietnamese(world):
    before = world.subunit_a1.path
    with pytest.raises(ValidationError) as excinfo:
        world.unit_a.move_to(world.subunit_a1)
    assert "cấp dưới" in str(excinfo.value)
    world.subunit_a1.refresh_from_db()
    assert world.subunit_a1.path == before
    with pytest.raises(ValidationError):
        world.unit_a.move_to(world.unit_a)


def test_a_move_and_a_rename_are_kept_in_the_audit_history(world):
    world.unit_a.move_to(world.unit_b)
    world.unit_a.rename("Phòng A mới")
    rename, move = history_for(world.unit_a)[:2]
    assert move.action == "move"
    assert move.changes["parent"] == ["Sở Thử nghiệm", "Phòng B"]
    assert rename.action == "update"
    assert rename.changes == {"name": ["Phòng A", "Phòng A mới"]}


def test_codes_are_stored_upper_case_and_validated(db):
    org = make_org("Đơn vị thử", " snn ")
    assert org.code == "SNN"
    bad = Organisation(name="X", code="SỞ NN")
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "chữ in hoa" in str(excinfo.value)
