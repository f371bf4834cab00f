from django.urls import path

from ungxu.socials import views

app_name = "socials"

urlpatterns = [
    path("", views.index, name="index"),
    path("accounts/new/", views.account_create, name="account_create"),
    path("accounts/<int:pk>/", views.account_detail, name="account_detail"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:pk>/admins/", views.admin_add, name="admin_add"),
    path(
        "accounts/<int:pk>/admins/<int:admin_pk>/remove/",
        views.admin_remove,
        name="admin_remove",
    ),
    path("accounts/<int:pk>/review/", views.review, name="review"),
    path("detect/", views.detect, name="detect"),
    path("detect/open/", views.open_from_detection, name="open_from_detection"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/new/", views.incident_create, name="incident_create"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/steps/<int:step_pk>/", views.step_toggle, name="step_toggle"),
    path("incidents/<int:pk>/note/", views.add_note, name="add_note"),
    path("incidents/<int:pk>/assign/", views.assign, name="assign"),
    path("incidents/<int:pk>/close/", views.close, name="close"),
    path("incidents/<int:pk>/takedowns/", views.takedown_add, name="takedown_add"),
    path(
        "incidents/<int:pk>/takedowns/<int:takedown_pk>/",
        views.takedown_update,
        name="takedown_update",
    ),
    path("incidents/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path(
        "incidents/<int:pk>/evidence/<int:evidence_pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("incidents/<int:pk>/evidence.zip", views.evidence_pack, name="evidence_pack"),
    path("incidents/<int:pk>/notices/cong-van.docx", views.notice_docx, name="notice_docx"),
    path(
        "incidents/<int:pk>/notices/cong-van.pdf",
        views.notice_docx,
        {"fmt": "pdf"},
        name="notice_pdf",
    ),
    path("incidents/<int:pk>/notices/<slug:kind>/", views.notice_edit, name="notice_edit"),
]
