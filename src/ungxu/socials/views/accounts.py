"""Account inventory: overview with the unit roll-up, detail with posture, admins, reviews."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ungxu.core import scoping
from ungxu.core.views import history_for, paginate
from ungxu.socials import services
from ungxu.socials.forms import AccountForm, AdminForm, ReviewForm
from ungxu.socials.models import AccountAdmin, OfficialAccount, PostureReview, ReviewStatus
from ungxu.socials.views.common import (
    account_or_404,
    can_manage,
    require_area,
    require_manage,
    visible,
)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require_area(request.user)
    accounts = visible(OfficialAccount.objects.all(), request.user).select_related(
        "organisation", "responsible_person"
    )
    rollup = services.unit_rollup(accounts)  # the whole scope, whatever the filters
    query = request.GET.get("q", "").strip()
    if query:
        accounts = accounts.filter(Q(name__icontains=query) | Q(handle__icontains=query))
    grade = request.GET.get("grade", "")
    if grade in {"A", "B", "C", "D", "F"}:
        accounts = accounts.filter(posture_grade=grade)
    page = paginate(request, accounts.order_by("organisation__path", "name"))
    context = {
        "page_obj": page,
        "accounts": page.object_list,
        "query": query,
        "grade": grade,
        "rollup": rollup,
        "reviews": visible(PostureReview.objects.all(), request.user, "account__organisation")
        .filter(status=ReviewStatus.OPEN)
        .select_related("account", "assignee")
        .order_by("due_on")[:20],
        "can_create": scoping.has_capability(request.user, scoping.MANAGE_SOCIALS),
        "breadcrumbs": [("Tài khoản mạng xã hội", None)],
    }
    if request.htmx:  # type: ignore[attr-defined]  # the filters swap the table only
        return render(request, "socials/_account_results.html", context)
    return render(request, "socials/index.html", context)


def _crumbs(
    account: OfficialAccount | None, last: str | None = None
) -> list[tuple[str, str | None]]:
    from django.urls import reverse

    crumbs: list[tuple[str, str | None]] = [("Tài khoản mạng xã hội", reverse("socials:index"))]
    if account is not None:
        crumbs.append((account.name, reverse("socials:account_detail", args=[account.pk])))
    if last:
        crumbs.append((last, None))
    return crumbs


@login_required
def account_create(request: HttpRequest) -> HttpResponse:
    if not scoping.has_capability(request.user, scoping.MANAGE_SOCIALS):
        require_manage(request.user, None)
    form = AccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        require_manage(request.user, form.cleaned_data["organisation"])
        account = form.save()
        services.refresh_posture(account)
        messages.success(request, f"Đã thêm tài khoản «{account.name}».")
        return redirect("socials:account_detail", pk=account.pk)
    context = {
        "form": form,
        "title": "Thêm tài khoản chính thức",
        "breadcrumbs": _crumbs(None, "Thêm"),
    }
    return render(request, "socials/form.html", context)


@login_required
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_or_404(request.user, pk)
    require_manage(request.user, account.organisation)
    form = AccountForm(request.POST or None, instance=account, user=request.user)
    if request.method == "POST" and form.is_valid():
        require_manage(request.user, form.cleaned_data["organisation"])
        account = form.save()
        services.refresh_posture(account)
        messages.success(request, f"Đã lưu tài khoản «{account.name}».")
        return redirect("socials:account_detail", pk=account.pk)
    context = {
        "form": form,
        "title": f"Sửa «{account.name}»",
        "breadcrumbs": _crumbs(account, "Sửa"),
    }
    return render(request, "socials/form.html", context)


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_or_404(request.user, pk)
    manage = can_manage(request.user, account.organisation)
    context = {
        "account": account,
        "checks": account.posture_checks,
        "admins": account.admins.select_related("person", "person__organisation"),
        "reviews": account.reviews.select_related("assignee", "attested_by")[:10],
        "incidents": account.incidents.order_by("-opened_at")[:10],
        "admin_form": AdminForm(user=request.user) if manage else None,
        "can_manage": manage,
        "history": history_for(account),
        "breadcrumbs": _crumbs(account),
    }
    return render(request, "socials/account_detail.html", context)


@login_required
@require_POST
def admin_add(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_or_404(request.user, pk)
    require_manage(request.user, account.organisation)
    form = AdminForm(request.POST, user=request.user)
    if form.is_valid():
        services.add_admin(
            account,
            person=form.cleaned_data["person"],
            external_name=form.cleaned_data["external_name"],
            has_2fa=form.cleaned_data["has_2fa"],
        )
        messages.success(request, "Đã thêm quản trị viên.")
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(str(e) for e in error))
    return redirect("socials:account_detail", pk=account.pk)


@login_required
@require_POST
def admin_remove(request: HttpRequest, pk: int, admin_pk: int) -> HttpResponse:
    account = account_or_404(request.user, pk)
    require_manage(request.user, account.organisation)
    admin = AccountAdmin.objects.filter(account=account, pk=admin_pk).first()
    if admin is not None:
        services.remove_admin(admin)
        messages.success(request, f"Đã gỡ quyền quản trị của {admin.display_name}.")
    return redirect("socials:account_detail", pk=account.pk)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Attest a security review of the account (opens one if none is pending)."""
    account = account_or_404(request.user, pk)
    require_manage(request.user, account.organisation)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pending = services.open_review(account)
        services.attest_review(
            pending, request.user, form.cleaned_data["confirmed"], form.cleaned_data["note"]
        )
        messages.success(request, "Đã ghi nhận kết quả rà soát.")
        return redirect("socials:account_detail", pk=account.pk)
    context = {
        "form": form,
        "account": account,
        "title": f"Rà soát an toàn «{account.name}»",
        "breadcrumbs": _crumbs(account, "Rà soát"),
    }
    return render(request, "socials/form.html", context)
