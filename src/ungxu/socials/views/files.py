"""Evidence upload/download/pack and notices (edit, screen, DOCX) of an incident."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from ungxu.audit.models import Action, record
from ungxu.socials import evidence as store
from ungxu.socials import incidents, notices
from ungxu.socials.forms import EvidenceForm, NoticeForm
from ungxu.socials.models import Incident, NoticeKind
from ungxu.socials.views.common import incident_or_404, require_manage
from ungxu.socials.views.incidents import _back, _changeable, _crumbs


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    # RFC 6266/5987 encoding: Vietnamese names survive, quotes in a name cannot break out.
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _evidence_incident(request: HttpRequest, pk: int) -> Incident:
    """Evidence is for the incident's own unit and the coordinators above it: those who may
    manage social accounts there. Leadership sees the incident, not the files (403)."""
    incident = incident_or_404(request.user, pk)
    require_manage(request.user, incident.organisation)
    return incident


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _changeable(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chọn tệp chứng cứ để tải lên.")
        return _back(incident, "#evidence")
    upload = form.cleaned_data["file"]
    try:
        item = store.store(
            incident,
            upload.name,
            upload.read(store.MAX_BYTES + 1),
            user=request.user,
            description=form.cleaned_data["description"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        incidents.note(
            incident, f"Lưu chứng cứ «{item.original_name}» (SHA-256 {item.sha256}).", request.user
        )
        messages.success(request, f"Đã lưu «{item.original_name}» (SHA-256 {item.sha256[:12]}…).")
    return _back(incident, "#evidence")


@login_required
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    incident = _evidence_incident(request, pk)
    item = get_object_or_404(incident.evidence, pk=evidence_pk)
    try:
        data = store.read(item)
    except (OSError, ValidationError) as error:
        raise Http404("Không đọc được tệp chứng cứ.") from error
    record(Action.EXPORT, item, message="Tải tệp chứng cứ.")
    return _attachment(data, item.content_type, f"{item.sha256[:12]}_{item.original_name}")


@login_required
def evidence_pack(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _evidence_incident(request, pk)
    try:
        data = store.pack(incident, request.user)
    except (OSError, ValidationError) as error:
        messages.error(request, f"Không lập được gói chứng cứ: {error}")
        return _back(incident, "#evidence")
    return _attachment(data, "application/zip", f"chung-cu-su-co-{incident.pk}.zip")


@login_required
def notice_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    incident = incident_or_404(request.user, pk)
    if kind not in NoticeKind.values:
        raise Http404("Không có loại văn bản này.")
    require_manage(request.user, incident.organisation)
    notice = notices.get_or_draft(incident, kind)
    form = NoticeForm(request.POST or None, instance=notice)
    if request.method == "POST" and form.is_valid():
        notice = form.save()
        notices.screen_if_post(notice)
        if incident.is_open:
            incidents.note(incident, f"Cập nhật {notice.get_kind_display().lower()}.", request.user)
        messages.success(request, "Đã lưu văn bản.")
        return redirect("socials:notice_edit", pk=incident.pk, kind=kind)
    context = {
        "form": form,
        "notice": notice,
        "incident": incident,
        "title": notice.get_kind_display(),
        "breadcrumbs": _crumbs(incident, notice.get_kind_display()),
    }
    return render(request, "socials/notice_form.html", context)


FORMATS = {
    "docx": (
        notices.cong_van_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (notices.cong_van_pdf, "application/pdf"),
}


@login_required
def notice_docx(request: HttpRequest, pk: int, fmt: str = "docx") -> HttpResponse:
    incident = incident_or_404(request.user, pk)
    notice = incident.notices.filter(kind=NoticeKind.CONG_VAN).first()
    if notice is None:
        return redirect("socials:notice_edit", pk=incident.pk, kind=NoticeKind.CONG_VAN)
    render, content_type = FORMATS[fmt]
    try:
        data = render(notice)
    except ValidationError as error:
        messages.error(request, "Chưa tạo được công văn: " + " ".join(error.messages))
        return redirect(reverse("socials:notice_edit", args=[incident.pk, NoticeKind.CONG_VAN]))
    label = fmt.upper()
    record(Action.EXPORT, notice, message=f"Tải công văn ({label}).")
    if incident.is_open:
        incidents.note(incident, f"Tải công văn gửi cơ quan chức năng ({label}).", request.user)
    return _attachment(data, content_type, f"cong-van-su-co-{incident.pk}.{fmt}")
