from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from cases.views import HomeView

admin.site.site_header = _("CrisisKB administration")
admin.site.site_title = _("CrisisKB admin")
admin.site.index_title = _("Curate cases and doctrine")

urlpatterns = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("cases.urls")),
    path("", include("strategies.urls")),
)
