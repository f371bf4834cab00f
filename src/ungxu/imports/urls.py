from django.urls import path, re_path

from ungxu.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("luot/<int:pk>/", views.job_detail, name="job"),
    path("luot/<int:pk>/trang-thai/", views.job_status, name="job_status"),
    path("luot/<int:pk>/xac-nhan/", views.job_confirm, name="job_confirm"),
    path("<slug:name>/", views.start, name="start"),
    re_path(r"^(?P<name>[-\w]+)/mau\.(?P<fmt>xlsx|csv)$", views.template, name="template"),
    re_path(r"^(?P<name>[-\w]+)/xuat\.(?P<fmt>xlsx|csv)$", views.export, name="export"),
]
