from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="list"),
    path("cases/<slug:slug>/", views.CaseDetailView.as_view(), name="detail"),
    path("types/", views.CrisisTypeListView.as_view(), name="types"),
    path("types/<slug:slug>/", views.CrisisTypeDetailView.as_view(), name="type"),
    path("tags/", views.TagListView.as_view(), name="tags"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("types/<slug:slug>/playbook/", views.PlaybookView.as_view(), name="playbook"),
    path(
        "types/<slug:slug>/playbook.md",
        views.PlaybookView.as_view(),
        {"markdown": True},
        name="playbook_md",
    ),
    path(
        "types/<slug:slug>/playbook.ics",
        views.PlaybookView.as_view(),
        {"fmt": "ics"},
        name="playbook_ics",
    ),
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
    path("matrix/types-strategies/", views.TypeStrategyMatrixView.as_view(), name="type_matrix"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("response-speed/", views.ResponseSpeedView.as_view(), name="speed"),
    path("study/", views.StudyGuideView.as_view(), name="study"),
]
