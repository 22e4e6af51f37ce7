"""Bookkeeping shared by every app."""

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
