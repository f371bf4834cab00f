"""The inbox list with filters and bulk actions, imports and their progress."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST

from ungxu.core import scoping
from ungxu.moderation_connectors import ConnectorError

from .. import ingest, services
from ..forms import InboxFilterForm, UploadForm, moderators_for
from ..models import DRAFT_ACCOUNT, ImportBatch, InboxItem, Status


def require_moderator(user: Any) -> None:
    if not scoping.has_capability(user, scoping.MODERATE):
        scoping.require(user, scoping.MODERATE, None)


def visible_items(user: Any) -> QuerySet[InboxItem]:
    """Items of the units the user moderates, filtered on organisation ids rather than joined on
    the organisation path, so PostgreSQL can walk the item indexes in list order."""
    if scoping.allowed_paths(user, scoping.MODERATE) is None:
        return InboxItem.objects.all()
    ids = list(scoping.visible_organisations(user, scoping.MODERATE).values_list("id", flat=True))
    return InboxItem.objects.filter(organisation_id__in=ids)


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """Counts at most COUNT_CAP rows: an exact COUNT(*) over a million items costs more than the
    rest of the page; past a thousand matches a moderator narrows the filters instead.

    The list order is kept in the counting subquery on purpose: the first COUNT_CAP rows in list
    order are found by walking the same index as the page itself, a bounded walk. Unordered,
    PostgreSQL sometimes picks a plan that reads far more rows (a bitmap scan over the whole
    unit, or the assignee index for "unassigned"): 20-35 ms at 1M items for "account +
    unassigned", against about 2 ms in list order."""

    @cached_property
    def count(self) -> int:
        listing: QuerySet[InboxItem] = self.object_list  # type: ignore[assignment]
        return int(listing[: COUNT_CAP + 1].count())


COUNT_CAP = 1_000
LIST_FIELDS = (
    "id", "text", "author_name", "created_at", "account_name", "platform", "verdict",
    "categories", "priority", "status", "assignee", "due_at", "first_response_at",
)  # fmt: skip


def account_names(user: Any) -> list[str]:
    """Accounts come from the import batches (a small table), not a scan of the items."""
    batches = scoping.scope(ImportBatch.objects.all(), user, action=scoping.MODERATE)
    names = set(batches.values_list("account_name", flat=True).distinct()[:200])
    return sorted(names | {DRAFT_ACCOUNT})


def filtered(
    request: HttpRequest, moderators: list[Any] | None = None
) -> tuple[InboxFilterForm, QuerySet[InboxItem]]:
    items = visible_items(request.user)
    accounts = account_names(request.user)
    form = InboxFilterForm(request.GET, user=request.user, accounts=accounts, moderators=moderators)
    form.user_pk = request.user.pk
    return form, form.filter(items)


def crumbs(last: str | None = None) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = [("Hộp kiểm duyệt", reverse("moderation:inbox"))]
    if last:
        out.append((last, None))
    return out


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    require_moderator(request.user)
    # One query for the people who may be assigned: the filter form and the bulk bar share it.
    moderators = list(moderators_for(request.user).only("id", "username"))
    form, items = filtered(request, moderators)
    # Only the columns the rows show: every loaded field is also snapshotted for the audit log.
    listing = items.select_related("assignee").only(*LIST_FIELDS, "assignee__username")
    page = CappedPaginator(listing, 30).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "capped": page.paginator.count > COUNT_CAP,
        "items": page.object_list,
        "item_url": reverse("moderation:item", args=[0]).removesuffix("0/"),
        "statuses": Status.choices,
        "moderators": moderators,
        "batches": ImportBatch.objects.filter(
            organisation__in=scoping.visible_organisations(request.user, scoping.MODERATE)
        )[:5],
        "breadcrumbs": crumbs(),
    }
    template = "moderation/_inbox_results.html" if request.htmx else "moderation/inbox.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    require_moderator(request.user)
    ids = [int(i) for i in request.POST.getlist("items") if i.isdigit()]
    items = list(visible_items(request.user).filter(pk__in=ids).select_related("organisation"))
    operation = request.POST.get("operation", "")
    assignee = None
    if operation == "assign":
        raw = request.POST.get("assignee", "")
        assignee = moderators_for(request.user).filter(pk=raw).first() if raw.isdigit() else None
        if assignee is None:
            messages.error(request, "Hãy chọn người được giao.")
            return redirect(request.POST.get("next") or reverse("moderation:inbox"))
    if not items:
        messages.error(request, "Chưa chọn mục nào.")
    else:
        try:
            count = services.bulk_apply(items, operation, request.user, assignee=assignee)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã cập nhật {count} mục.")
    return redirect(request.POST.get("next") or reverse("moderation:inbox"))


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    require_moderator(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            batch = ingest.start_import(
                organisation=form.cleaned_data["organisation"],
                account_name=form.cleaned_data["account_name"].strip(),
                file_name=upload_file.name,
                data=upload_file.read(),
                fmt=form.cleaned_data["fmt"],
                user=request.user,
            )
        except ConnectorError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"Đã nhận tệp «{batch.file_name}»; đang sàng lọc.")
            return redirect("moderation:batch", pk=batch.pk)
    return render(
        request,
        "moderation/upload.html",
        {"form": form, "breadcrumbs": crumbs("Nhập bình luận, tin nhắn")},
    )


@login_required
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    require_moderator(request.user)
    found = scoping.scope(ImportBatch.objects.all(), request.user, action=scoping.MODERATE)
    job = scoping.get_visible_or_404(found, request.user, pk=pk)
    context = {"batch": job, "breadcrumbs": crumbs(f"Lần nhập {job.file_name}")}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "moderation/_batch_progress.html", context)
    return render(request, "moderation/batch.html", context)


def assignable(user: Any, raw: str) -> Any:
    if not raw.isdigit():
        return None
    return get_user_model().objects.filter(pk__in=moderators_for(user), pk=int(raw)).first()
