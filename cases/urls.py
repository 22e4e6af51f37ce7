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
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
]
