from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from cases.feeds import LatestCasesFeed
from cases.sitemaps import SITEMAPS
from cases.views import HomeView

admin.site.site_header = _("CrisisKB administration")
admin.site.site_title = _("CrisisKB admin")
admin.site.index_title = _("Curate cases and doctrine")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("feeds/cases.atom", LatestCasesFeed(), name="feed"),
    path("", include("cases.urls")),
    path("", include("strategies.urls")),
    path("", include("legal.urls")),
    path("", include("search.urls")),
)
