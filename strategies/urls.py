from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path("principles/", views.PrincipleListView.as_view(), name="principles"),
    path("principles/<slug:slug>/", views.PrincipleDetailView.as_view(), name="principle"),
    path("strategies/", views.StrategyListView.as_view(), name="strategies"),
    path("strategies/<slug:slug>/", views.StrategyDetailView.as_view(), name="strategy"),
    path("tactics/<slug:slug>/", views.TacticDetailView.as_view(), name="tactic"),
    path("about/<slug:slug>/", views.EssayDetailView.as_view(), name="essay"),
]
