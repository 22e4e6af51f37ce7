"""Atom feed of newly published cases, one per language."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Case

FEED_SIZE = 30


class LatestCasesFeed(Feed):
    feed_type = Atom1Feed
    title = _("CrisisKB: newly published cases")
    subtitle = _("Crisis-PR case studies, each linked to its measures, principles and sources.")

    def link(self):
        return reverse("cases:list")

    def items(self):
        return (
            Case.objects.published()
            .select_related("primary_type")
            .order_by("-published_at", "slug")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.primary_type.name]
