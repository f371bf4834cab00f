"""Documents: list, create (written in the app or uploaded), new versions, file download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from ungxu.campaigns.documents import add_version, code_document, code_groups
from ungxu.campaigns.forms import DocumentForm, VersionForm, usable_documents
from ungxu.campaigns.models import Document, DocumentKind, DocumentVersion
from ungxu.core import scoping
from ungxu.core.views import history_for


def _crumbs(document: Document | None = None, last: str | None = None) -> list[Any]:
    result: list[Any] = [
        ("Phổ biến Bộ quy tắc", reverse("campaigns:index")),
        ("Tài liệu", reverse("campaigns:documents")),
    ]
    if document is not None:
        result.append((document.title, reverse("campaigns:document", args=[document.pk])))
    if last:
        result.append((last, None))
    return result


def _require_manager(user: Any) -> None:
    if not scoping.has_capability(user, scoping.MANAGE_CAMPAIGNS):
        raise PermissionDenied("Bạn không có quyền quản lý tài liệu phổ biến.")


def _upload(form: Any) -> tuple[str, bytes | None]:
    upload = form.cleaned_data.get("upload")
    return (upload.name, upload.read()) if upload else ("", None)


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    code_document()  # the Code is always on the list
    documents = usable_documents(request.user).prefetch_related("versions")
    return render(
        request,
        "campaigns/document_list.html",
        {
            "documents": documents,
            "breadcrumbs": [
                ("Phổ biến Bộ quy tắc", reverse("campaigns:index")),
                ("Tài liệu", None),
            ],
        },
    )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, form.cleaned_data["organisation"])
        name, data = _upload(form)
        try:
            with transaction.atomic():
                document = Document.objects.create(
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    organisation=form.cleaned_data["organisation"],
                )
                add_version(
                    document, body=form.cleaned_data["body"], file_name=name, file_data=data
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã thêm tài liệu “{document.title}”.")
            return redirect("campaigns:document", pk=document.pk)
    return render(
        request,
        "campaigns/simple_form.html",
        {
            "form": form,
            "title": "Thêm tài liệu",
            "multipart": True,
            "breadcrumbs": _crumbs(last="Thêm"),
        },
    )


def _visible_document(user: Any, pk: int) -> Document:
    document = usable_documents(user).filter(pk=pk).first()
    if document is None:
        raise Http404("Không tìm thấy tài liệu.")
    return document


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request.user)
    document = _visible_document(request.user, pk)
    may_edit = document.kind != DocumentKind.CODE or scoping.is_superadmin(request.user)
    may_edit = may_edit and (
        (
            document.organisation is None
            and scoping.has_capability(request.user, scoping.MANAGE_ORGS)
        )
        or scoping.can(request.user, scoping.MANAGE_CAMPAIGNS, document.organisation)
    )
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Bạn không được sửa tài liệu này.")
        if form.is_valid():
            name, data = _upload(form)
            try:
                version = add_version(
                    document,
                    body=form.cleaned_data["body"],
                    note=form.cleaned_data["note"],
                    file_name=name,
                    file_data=data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    f"Đã thêm phiên bản {version.number}. Các đợt phổ biến đang triển khai dùng "
                    "tài liệu này yêu cầu mọi người xác nhận lại.",
                )
                return redirect("campaigns:document", pk=document.pk)
    return render(
        request,
        "campaigns/document_detail.html",
        {
            "document": document,
            "versions": document.versions.defer("file_data"),
            "groups": code_groups() if document.kind == DocumentKind.CODE else None,
            "form": form if may_edit else None,
            "campaigns": document.campaigns.order_by("-starts_on")[:20],
            "history": history_for(document),
            "breadcrumbs": _crumbs(document),
        },
    )


@login_required
def version_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded file: for managers who see the document, and for people assigned it."""
    user: Any = request.user
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    allowed = usable_documents(user).filter(pk=version.document_id).exists() or (
        version.document.campaigns.filter(assignments__person__user=user).exists()
    )
    if not allowed or not version.file_data:
        raise Http404("Không tìm thấy tệp.")
    response = HttpResponse(bytes(version.file_data), content_type=version.file_type)
    # The name came from an upload: let Django quote/encode it for the header.
    response["Content-Disposition"] = content_disposition_header(True, version.file_name) or ""
    return response
