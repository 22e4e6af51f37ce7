"""Sitemap of every public page, in both languages (with hreflang alternates)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from taggit.models import Tag

from strategies.models import Principle, Strategy, Tactic

from .models import Case
from .selectors.catalogue import offered_crisis_types


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class CaseSitemap(_I18nSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Case.objects.published().order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class DoctrineSitemap(_I18nSitemap):
    priority = 0.6

    def items(self):
        return [
            *Principle.objects.ordered(),
            *Strategy.objects.ordered(),
            *Tactic.objects.ordered(),
        ]


class CrisisTypeSitemap(_I18nSitemap):
    priority = 0.6

    def items(self):
        return list(offered_crisis_types(user=None))


class TagSitemap(_I18nSitemap):
    priority = 0.3

    def items(self):
        published = Case.objects.published().values("pk")
        return (
            Tag.objects.filter(
                taggit_taggeditem_items__content_type__app_label="cases",
                taggit_taggeditem_items__content_type__model="case",
                taggit_taggeditem_items__object_id__in=published,
            )
            .distinct()
            .order_by("slug")
        )

    def location(self, item):
        return reverse("cases:tag", kwargs={"slug": item.slug})


class PagesSitemap(_I18nSitemap):
    priority = 0.5

    def items(self):
        return [
            "home",
            "cases:list",
            "cases:types",
            "cases:tags",
            "cases:matrix",
            "cases:type_matrix",
            "cases:speed",
            "cases:study",
            "strategies:principles",
            "strategies:strategies",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PagesSitemap,
    "cases": CaseSitemap,
    "types": CrisisTypeSitemap,
    "doctrine": DoctrineSitemap,
    "tags": TagSitemap,
}
