from django.urls import path

from ungxu.campaigns.views import campaigns, documents, outreach, questions, tasks

app_name = "campaigns"

urlpatterns = [
    path("", campaigns.index, name="index"),
    path("new/", campaigns.create, name="create"),
    path("<int:pk>/", campaigns.detail, name="detail"),
    path("<int:pk>/edit/", campaigns.edit, name="edit"),
    path("<int:pk>/launch/", campaigns.launch, name="launch"),
    path("<int:pk>/close/", campaigns.close, name="close"),
    path("<int:pk>/remind/", campaigns.remind, name="remind"),
    path("<int:pk>/export.xlsx", campaigns.export, name="export"),
    path("tasks/<int:pk>/", tasks.task, name="task"),
    path("tasks/<int:pk>/read/<int:version_pk>/", tasks.read, name="read"),
    path("tasks/<int:pk>/quiz/", tasks.quiz, name="quiz"),
    path("tasks/<int:pk>/acknowledge/", tasks.acknowledge, name="acknowledge"),
    path("tasks/<int:pk>/confirmation/<int:ack_pk>/", tasks.confirmation, name="confirmation"),
    path(
        "tasks/<int:pk>/confirmation/<int:ack_pk>/pdf/",
        tasks.confirmation_pdf_view,
        name="confirmation_pdf",
    ),
    path("documents/", documents.document_list, name="documents"),
    path("documents/new/", documents.document_create, name="document_create"),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
    path("documents/versions/<int:pk>/file/", documents.version_file, name="version_file"),
    path("questions/", questions.question_list, name="questions"),
    path("questions/new/", questions.question_create, name="question_create"),
    path("questions/<int:pk>/", questions.question_detail, name="question"),
    path("questions/<int:pk>/edit/", questions.question_edit, name="question_edit"),
    path("questions/<int:pk>/toggle/", questions.question_toggle, name="question_toggle"),
    path("sessions/", outreach.session_list, name="sessions"),
    path("sessions/new/", outreach.session_create, name="session_create"),
    path("sessions/<int:pk>/", outreach.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", outreach.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", outreach.session_delete, name="session_delete"),
    path(
        "sessions/<int:pk>/attendees/<int:person_pk>/remove/",
        outreach.session_remove_attendee,
        name="session_remove_attendee",
    ),
    path("outreach/", outreach.outreach_list, name="outreach"),
    path("outreach/new/", outreach.outreach_create, name="outreach_create"),
    path("outreach/<int:pk>/edit/", outreach.outreach_edit, name="outreach_edit"),
    path("outreach/<int:pk>/delete/", outreach.outreach_delete, name="outreach_delete"),
]
