from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("legal/", views.LegalIndexView.as_view(), name="index"),
    path("legal/clock/", views.DeadlineClockView.as_view(), name="clock"),
    path(
        "legal/jurisdictions/<slug:code>/",
        views.JurisdictionView.as_view(),
        name="jurisdiction",
    ),
    path("legal/types/<slug:slug>/", views.CrisisTypeDutiesView.as_view(), name="type"),
    path("legal/provisions/<slug:slug>/", views.ProvisionView.as_view(), name="provision"),
]
