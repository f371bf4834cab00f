from django.urls import path

from ungxu.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-phat-trien/<slug:key>/", views.under_construction, name="under_construction"),
]
