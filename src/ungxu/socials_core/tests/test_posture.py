"""Security-posture rules for an official account, one behaviour per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from ungxu.socials_core.posture import (
    AccountSnapshot,
    Admin,
    AgencyContact,
    PostureParams,
    evaluate,
    grade_for,
    normalise_phone,
    rollup_by_unit,
)

TODAY = date(2026, 3, 2)
AGENCY = AgencyContact(domains=("snnptnt.vn",), phones=("0229 3871 234", "0912 000 111"))
GOOD = AccountSnapshot(
    admins=(
        Admin("Nguyễn Thị Lan", has_2fa=True, is_current_staff=True),
        Admin("Trần Văn Hùng", has_2fa=True, is_current_staff=True),
    ),
    recovery_email="vanphong.snn@ninhbinh.gov.vn",
    recovery_phone="+84 229 3871 234",
    last_password_review=TODAY - timedelta(days=10),
    last_admin_review=TODAY - timedelta(days=10),
    connected_apps_reviewed=TODAY - timedelta(days=30),
    public_contact_published=True,
    responsible_person_published=True,
)


def _status(snapshot: AccountSnapshot, check: str, **kwargs: object) -> str:
    return evaluate(snapshot, today=TODAY, agency=AGENCY, **kwargs).check(check).status  # type: ignore[arg-type]


def test_a_well_kept_account_passes_every_check_with_grade_a() -> None:
    posture = evaluate(GOOD, today=TODAY, agency=AGENCY)
    assert [c.id for c in posture.failed] == []
    assert (posture.score, posture.grade) == (100, "A")
    assert all(c.fix == "" for c in posture.checks)


def test_the_default_weights_add_up_to_100() -> None:
    assert sum(c.weight for c in evaluate(GOOD, today=TODAY, agency=AGENCY).checks) == 100


def test_a_departed_admin_fails_at_once_and_is_named() -> None:
    departed = replace(GOOD, admins=(*GOOD.admins, Admin("Lê Văn Cũ", True, False)))
    posture = evaluate(departed, today=TODAY, agency=AGENCY)
    check = posture.check("admins_current_staff")
    assert check.status == "fail"
    assert "Lê Văn Cũ" in check.explanation
    assert "Gỡ quyền quản trị" in check.fix
    assert posture.grade == "D"  # a critical failure caps the grade despite a score of 80


def test_an_admin_not_matched_to_the_registry_is_unknown() -> None:
    snapshot = replace(GOOD, admins=(*GOOD.admins, Admin("Ai Đó", True, None)))
    assert _status(snapshot, "admins_current_staff") == "unknown"


def test_an_admin_without_two_factor_fails_and_one_not_attested_is_unknown() -> None:
    without = replace(GOOD, admins=(GOOD.admins[0], Admin("Trần Văn Hùng", False, True)))
    unattested = replace(GOOD, admins=(GOOD.admins[0], Admin("Trần Văn Hùng", None, True)))
    assert _status(without, "admins_2fa") == "fail"
    assert _status(unattested, "admins_2fa") == "unknown"


def test_admin_count_must_stay_between_min_and_max() -> None:
    one = replace(GOOD, admins=GOOD.admins[:1])
    many = replace(GOOD, admins=tuple(Admin(f"QTV {i}", True, True) for i in range(4)))
    assert _status(one, "admin_count") == "fail"
    assert _status(many, "admin_count") == "pass"
    assert _status(many, "admin_count", params=PostureParams(max_admins=3)) == "fail"


def test_an_external_admin_is_flagged_but_not_as_departed_staff() -> None:
    snapshot = replace(
        GOOD, admins=(*GOOD.admins, Admin("Công ty truyền thông X", True, None, True))
    )
    assert _status(snapshot, "no_external_admins") == "fail"
    assert _status(snapshot, "admins_current_staff") == "pass"


@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("vanphong@ninhbinh.gov.vn", "pass"),
        ("it@snnptnt.vn", "pass"),  # the agency's configured domain
        ("it@mail.snnptnt.vn", "pass"),
        ("lan.nguyen@gmail.com", "fail"),
        ("someone@snnptnt.vn.example.com", "fail"),
        ("khong-phai-email", "fail"),
        ("", "unknown"),
    ],
)
def test_the_recovery_email_must_belong_to_the_agency(email: str, status: str) -> None:
    assert _status(replace(GOOD, recovery_email=email), "recovery_email_agency") == status


def test_a_personal_mailbox_is_called_that() -> None:
    posture = evaluate(replace(GOOD, recovery_email="a@gmail.com"), today=TODAY, agency=AGENCY)
    assert "hộp thư cá nhân" in posture.check("recovery_email_agency").explanation


def test_the_recovery_phone_must_be_one_of_the_agencys_numbers() -> None:
    assert _status(replace(GOOD, recovery_phone="0912000111"), "recovery_phone_agency") == "pass"
    assert _status(replace(GOOD, recovery_phone="0987654321"), "recovery_phone_agency") == "fail"
    no_list = evaluate(GOOD, today=TODAY, agency=AgencyContact(domains=("snnptnt.vn",)))
    assert no_list.check("recovery_phone_agency").status == "unknown"


def test_phone_numbers_compare_in_local_form() -> None:
    assert (
        normalise_phone("+84 (229) 3871-234") == normalise_phone("0229.3871.234") == "02293871234"
    )


def test_reviews_older_than_the_cycle_fail() -> None:
    on_the_day = replace(GOOD, last_password_review=TODAY - timedelta(days=90))
    too_old = replace(GOOD, last_password_review=TODAY - timedelta(days=91))
    assert _status(on_the_day, "password_review") == "pass"
    assert _status(too_old, "password_review") == "fail"
    assert _status(too_old, "password_review", params=PostureParams(review_days=120)) == "pass"


def test_a_missing_or_future_review_date_fails() -> None:
    assert _status(replace(GOOD, last_admin_review=None), "admin_review") == "fail"
    future = replace(GOOD, connected_apps_reviewed=TODAY + timedelta(days=1))
    assert _status(future, "connected_apps_review") == "fail"


def test_published_contact_and_responsible_person_are_checked() -> None:
    snapshot = replace(GOOD, public_contact_published=False, responsible_person_published=None)
    posture = evaluate(snapshot, today=TODAY, agency=AGENCY)
    assert posture.check("public_contact").status == "fail"
    assert posture.check("responsible_person").status == "unknown"


def test_unknown_checks_earn_half_their_weight() -> None:
    # recovery phone (weight 10) unknown: 95
    posture = evaluate(GOOD, today=TODAY, agency=AgencyContact(domains=("snnptnt.vn",)))
    assert posture.score == 95


def test_an_empty_snapshot_grades_f() -> None:
    posture = evaluate(AccountSnapshot(), today=TODAY)
    assert posture.grade == "F"
    assert posture.check("admin_count").status == "fail"


@pytest.mark.parametrize(
    ("score", "grade"), [(100, "A"), (90, "A"), (89, "B"), (70, "C"), (60, "D"), (59, "F")]
)
def test_grades_follow_the_score_bands(score: int, grade: str) -> None:
    assert grade_for(score) == grade


def test_parameters_are_validated_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="tối thiểu"):
        PostureParams(min_admins=3, max_admins=2)
    with pytest.raises(ValueError, match="Không có tiêu chí"):
        PostureParams(weights={"khong-co": 5})


def test_custom_weights_change_the_score() -> None:
    snapshot = replace(GOOD, public_contact_published=False)
    default = evaluate(snapshot, today=TODAY, agency=AGENCY).score
    heavier = evaluate(
        snapshot, today=TODAY, agency=AGENCY, params=PostureParams(weights={"public_contact": 30})
    ).score
    assert heavier < default


def test_rollup_gives_mean_worst_and_count_by_grade_per_unit() -> None:
    good = evaluate(GOOD, today=TODAY, agency=AGENCY)
    bad = evaluate(AccountSnapshot(), today=TODAY)
    summary = rollup_by_unit([("SNN", good), ("TTKN", bad), ("SNN", bad)])
    snn = summary["SNN"]
    assert snn.count == 2
    assert snn.worst_score == bad.score
    assert snn.mean_score == round((good.score + bad.score) / 2, 1)
    assert snn.by_grade == {"A": 1, "B": 0, "C": 0, "D": 0, "F": 1}
    assert snn.failing["admin_count"] == 1
    assert list(summary) == ["SNN", "TTKN"]
    assert summary["TTKN"].to_dict()["count"] == 1
