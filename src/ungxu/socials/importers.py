"""Import/export of the official account inventory on the shared framework (`ungxu.imports`).

Accounts are keyed by their canonical URL (the pasted address normalised per platform, so
"fb.com/x" and "https://www.facebook.com/x/" are the same row). Administrators are one cell:
staff codes of the people registry and external persons written "Ngoài: Họ tên", separated by
";". An unknown staff code is an error on that row, never silently an external person.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ungxu.core.scoping import MANAGE_SOCIALS, VIEW_SOCIALS, can, scope
from ungxu.imports import cells
from ungxu.imports.importer import Column, Importer, Row, RowError
from ungxu.imports.registry import register
from ungxu.orgs.models import Organisation, Person
from ungxu.socials.models import (
    AccountAdmin,
    AccountStatus,
    OfficialAccount,
    Platform,
    TrustLabel,
)
from ungxu.socials.services import refresh_posture
from ungxu.socials_core import HandleError, guess_platform, normalise_handle

EXTERNAL_PREFIX = "Ngoài:"


class AccountUrl(cells.Text):
    """A pasted account address, normalised with the platform its host implies."""

    def parse(self, raw: str) -> Any:
        value = raw.strip()
        platform = guess_platform(value) or "other"
        try:
            url = normalise_handle(platform, value).url
        except HandleError as error:
            raise cells.CellError(error.message) from error
        if not url:
            raise cells.CellError(f"«{value}» không phải đường dẫn; hãy dán địa chỉ https://…")
        return url


def _split_admins(text: str) -> list[str]:
    return [item.strip() for item in (text or "").split(";") if item.strip()]


def admins_cell(account: OfficialAccount) -> str:
    parts = []
    for admin in account.admins.all():
        if admin.person_id and admin.person:
            parts.append(admin.person.code)
        else:
            parts.append(f"{EXTERNAL_PREFIX} {admin.external_name}")
    return "; ".join(parts)


def _normal_admins(text: str) -> str:
    items = []
    for item in _split_admins(text):
        if item.casefold().startswith(EXTERNAL_PREFIX.casefold()):
            items.append(f"{EXTERNAL_PREFIX} {' '.join(item[len(EXTERNAL_PREFIX) :].split())}")
        else:
            items.append(item.upper())
    return "; ".join(items)


@register
class OfficialAccountImporter(Importer):
    name = "social-accounts"
    title = "Tài khoản mạng xã hội chính thức"
    model = OfficialAccount
    capability = MANAGE_SOCIALS
    key_field = "url"
    columns = (
        Column(
            "Đường dẫn",
            "url",
            AccountUrl(500),
            required=True,
            help="Địa chỉ trang/kênh; hệ thống tự chuẩn hoá và dùng làm khoá (nhập lại sẽ cập nhật).",
            example="https://www.facebook.com/sonongnghiepninhbinh",
        ),
        Column(
            "Nền tảng",
            "platform",
            cells.Choice(dict(Platform.choices)),
            required=True,
            help="Một trong: " + ", ".join(label for _, label in Platform.choices) + ".",
            example=str(Platform.FACEBOOK_PAGE.label),
        ),
        Column("Tên tài khoản", "name", cells.Text(255), required=True, example="Sở Nông nghiệp"),
        Column(
            "Mã đơn vị",
            "organisation_code",
            cells.Code(max_length=30),
            required=True,
            example="SNN",
        ),
        Column("Mục đích", "purpose", cells.Text(1000), example="Thông tin chỉ đạo, điều hành"),
        Column(
            "Mã người chịu trách nhiệm",
            "responsible_code",
            cells.Code(max_length=30),
            help="Mã nhân sự của người chịu trách nhiệm.",
            example="NS0001",
        ),
        Column(
            "Quản trị viên",
            "admins",
            cells.Text(1000),
            help="Mã nhân sự, cách nhau bằng «;». Người ngoài cơ quan ghi «Ngoài: Họ tên».",
            example="NS0001; NS0002",
        ),
        Column("Dấu xác minh", "verified_badge", cells.Bool(), example="Không"),
        Column(
            "Nhãn tín nhiệm",
            "trust_label",
            cells.Choice(dict(TrustLabel.choices)),
            example=str(TrustLabel.NONE.label),
        ),
        Column("Ngày lập", "created_on", cells.Date(), example="01/06/2019"),
        Column(
            "Trạng thái",
            "status",
            cells.Choice(dict(AccountStatus.choices)),
            example=str(AccountStatus.ACTIVE.label),
        ),
        Column("Email khôi phục", "recovery_email", cells.Email(), example="vp@snn.gov.vn"),
        Column("Điện thoại khôi phục", "recovery_phone", cells.Phone(), example="02293871234"),
    )

    def queryset(self) -> QuerySet[Any]:
        return OfficialAccount.objects.select_related("organisation", "responsible_person")

    def export_queryset(self) -> QuerySet[Any]:
        return (
            scope(OfficialAccount.objects.all(), self.user, action=VIEW_SOCIALS)
            .select_related("organisation", "responsible_person")
            .prefetch_related("admins__person")
            .order_by("organisation__path", "name")
        )

    def export_row(self, obj: Any) -> dict[str, Any]:
        return {
            "url": obj.url,
            "platform": obj.platform,
            "name": obj.name,
            "organisation_code": obj.organisation.code,
            "purpose": obj.purpose,
            "responsible_code": obj.responsible_person.code if obj.responsible_person else "",
            "admins": admins_cell(obj),
            "verified_badge": obj.verified_badge,
            "trust_label": obj.trust_label,
            "created_on": obj.created_on,
            "status": obj.status,
            "recovery_email": obj.recovery_email,
            "recovery_phone": obj.recovery_phone,
        }

    def values_for(self, row: Row) -> dict[str, Any]:
        values = dict(row.values)
        if "admins" in values:
            values["admins"] = _normal_admins(values["admins"])
        for name, default in (("trust_label", TrustLabel.NONE), ("status", AccountStatus.ACTIVE)):
            if name in values and not values[name]:
                values[name] = default
        if "verified_badge" in values and values["verified_badge"] is None:
            values["verified_badge"] = False
        return values

    def check_rows(self, rows: list[Row], errors: list[RowError]) -> None:
        org_codes = {row.values.get("organisation_code") for row in rows} - {None, ""}
        orgs = {o.code: o for o in Organisation.objects.filter(code__in=org_codes)}
        wanted = {row.values.get("responsible_code") for row in rows}
        for row in rows:
            wanted |= {i.upper() for i in _split_admins(row.values.get("admins", ""))}
        people = {p.code: p for p in Person.objects.filter(code__in=wanted - {None, ""})}
        for row in rows:
            self._check_row(row, orgs, people, errors)

    def _check_row(
        self,
        row: Row,
        orgs: dict[str, Organisation],
        people: dict[str, Person],
        errors: list[RowError],
    ) -> None:
        values = row.values
        code = values.get("organisation_code")
        org = orgs.get(code or "")
        if code and org is None:
            errors.append(
                RowError(
                    row.number,
                    self.header("organisation_code"),
                    f"không có đơn vị mã «{code}» trong hệ thống",
                )
            )
            return
        if org is not None and not can(self.user, MANAGE_SOCIALS, org):
            errors.append(
                RowError(
                    row.number,
                    self.header("organisation_code"),
                    f"đơn vị «{code}» nằm ngoài phạm vi bạn được quản lý",
                )
            )
            return
        if row.existing is not None and not can(
            self.user, MANAGE_SOCIALS, row.existing.organisation
        ):
            errors.append(
                RowError(
                    row.number,
                    self.header("url"),
                    "tài khoản này thuộc đơn vị ngoài phạm vi bạn được quản lý",
                )
            )
            return
        row.data["organisation"] = org
        if values.get("platform") and values.get("url"):
            try:
                address = normalise_handle(values["platform"], values["url"])
            except HandleError as error:
                errors.append(RowError(row.number, self.header("url"), error.message))
            else:
                row.data["handle"] = address.handle
                clash = OfficialAccount.objects.filter(
                    platform=values["platform"], handle=address.handle
                ).exclude(url=values["url"])
                if clash.exists():
                    errors.append(
                        RowError(
                            row.number,
                            self.header("url"),
                            "tài khoản này đã có trong danh sách với địa chỉ khác",
                        )
                    )
        responsible = values.get("responsible_code")
        if responsible:
            if responsible not in people:
                errors.append(
                    RowError(
                        row.number,
                        self.header("responsible_code"),
                        f"không có nhân sự mã «{responsible}»",
                    )
                )
            row.data["responsible"] = people.get(responsible)
        admins: list[tuple[Person | None, str]] = []
        for item in _split_admins(values.get("admins", "")):
            if item.casefold().startswith(EXTERNAL_PREFIX.casefold()):
                name = " ".join(item[len(EXTERNAL_PREFIX) :].split())
                if not name:
                    errors.append(
                        RowError(row.number, self.header("admins"), "thiếu họ tên sau «Ngoài:»")
                    )
                admins.append((None, name))
            elif item.upper() in people:
                admins.append((people[item.upper()], ""))
            else:
                errors.append(
                    RowError(
                        row.number,
                        self.header("admins"),
                        f"không có nhân sự mã «{item}»; người ngoài cơ quan ghi «Ngoài: {item}»",
                    )
                )
        row.data["admins"] = admins

    def save(self, row: Row, values: dict[str, Any]) -> OfficialAccount:
        account: OfficialAccount = row.existing or OfficialAccount()
        for name, value in values.items():
            if name == "organisation_code":
                account.organisation = row.data["organisation"]
            elif name == "responsible_code":
                account.responsible_person = row.data.get("responsible")
            elif name != "admins":
                setattr(account, name, value)
        account.handle = row.data["handle"]
        account.full_clean(exclude=["organisation", "responsible_person"], validate_unique=False)
        account.save()
        if "admins" in values:
            self._sync_admins(account, row.data["admins"])
        refresh_posture(account)
        return account

    def _sync_admins(
        self, account: OfficialAccount, wanted: list[tuple[Person | None, str]]
    ) -> None:
        """Keep admins still listed (with their 2FA attestation), add new ones, drop others."""
        current = list(account.admins.all())
        keep: set[int] = set()
        for person, name in wanted:
            found = next(
                (
                    a
                    for a in current
                    if a.pk not in keep
                    and (
                        (person is not None and a.person_id == person.pk)
                        or (person is None and a.person_id is None and a.external_name == name)
                    )
                ),
                None,
            )
            if found is None:
                found = AccountAdmin.objects.create(
                    account=account, person=person, external_name=name
                )
            keep.add(found.pk)
        for admin in current:
            if admin.pk not in keep:
                admin.delete()
