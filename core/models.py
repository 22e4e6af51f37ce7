"""What every app's models share: abstract bases for the shapes that recur (slugged, ordered
records; numbered sources), the https-assuming URL field, and the loader's bookkeeping."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FixtureRecord(models.Model):
    """What `load_seed` last loaded into one record, so that it never overwrites a curator.

    `fixture_hash` fingerprints the fixture entry that was loaded and `db_hash` the database
    rows it produced (the record and its children, derived fields left out). On the next run a
    record is updated only while the database still holds exactly what was loaded.
    """

    key = models.CharField(_("record"), max_length=200, help_text=_("E.g. cases/equifax-2017."))
    fixture_hash = models.CharField(_("fixture fingerprint"), max_length=64)
    db_hash = models.CharField(_("database fingerprint"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("loaded fixture record")
        verbose_name_plural = _("loaded fixture records")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="fixturerecord_key_unique"),
        ]

    def __str__(self):
        return self.key


class HttpsURLField(models.URLField):
    """A URL field whose form assumes https:// when a curator leaves the scheme out."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class OrderedQuerySet(models.QuerySet):
    def ordered(self):
        """In the curators' order (position), then by slug."""
        return self.order_by("position", "slug")


class SluggedRecord(models.Model):
    """A named record with a slug for its address and a position for its order (crisis types,
    principles, strategies, tactics, reporter classes). Subclasses set their Meta (ordering and
    the slug's unique constraint, named per model)."""

    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = OrderedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name


class NumberedSource(models.Model):
    """Where facts were read, numbered per parent record and shown as [n] beside the facts it
    supports (a case's sources, a legal provision's). Subclasses add the parent and `kind`."""

    ref = models.PositiveSmallIntegerField(
        _("reference number"), help_text=_("Shown as [n] beside the facts it supports.")
    )
    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = HttpsURLField(_("URL"), max_length=600, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"[{self.ref}] {self.title}"
