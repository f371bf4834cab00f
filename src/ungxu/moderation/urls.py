from django.urls import path

from ungxu.moderation import views

app_name = "moderation"

urlpatterns = [
    path("check/", views.checker, name="checker"),
    path("check/submit/", views.submit_draft, name="submit_draft"),
    path("", views.inbox, name="inbox"),
    path("bulk/", views.bulk, name="bulk"),
    path("import/", views.upload, name="upload"),
    path("import/<int:pk>/", views.batch, name="batch"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/decide/", views.item_decide, name="item_decide"),
    path("items/<int:pk>/reply/", views.item_reply, name="item_reply"),
    path("items/<int:pk>/replies/<int:reply_pk>/", views.reply_decide, name="reply_decide"),
    path("items/<int:pk>/note/", views.item_note, name="item_note"),
    path("items/<int:pk>/update/", views.item_update, name="item_update"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path("canned/<int:pk>/delete/", views.canned_delete, name="canned_delete"),
    path("stats/", views.statistics, name="stats"),
    path("stats.xlsx", views.statistics_xlsx, name="stats_xlsx"),
    path("models/", views.models_page, name="models"),
    path("models/retrain/", views.models_retrain, name="models_retrain"),
    path("models/<int:pk>/", views.model_decide, name="model_decide"),
]
