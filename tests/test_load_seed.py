"""`load_seed` never overwrites a curator: fingerprints of what it loaded decide (core.fixtures).

The session database holds the whole seed, loaded once; each test runs in a transaction that is
rolled back, so edits and reloads here leave nothing behind."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cases.models import Case, TimelineEvent
from core.fixtures import FixtureRecord
from core.loading import load_all
from legal.models import LegalProvision
from strategies.models import Principle

pytestmark = pytest.mark.django_db

EQUIFAX = "equifax-breach-2017"


def _load(*args, fixtures=None) -> str:
    out = StringIO()
    if fixtures is None:
        call_command("load_seed", *args, stdout=out)
    else:
        settings_fixtures = settings.CRISISKB_FIXTURES
        settings.CRISISKB_FIXTURES = fixtures
        try:
            call_command("load_seed", *args, stdout=out)
        finally:
            settings.CRISISKB_FIXTURES = settings_fixtures
    return out.getvalue()


def _fixture_summary() -> str:
    path = Path(settings.CRISISKB_FIXTURES) / "cases" / f"{EQUIFAX}.json"
    return json.loads(path.read_text(encoding="utf-8"))["summary"]["en"]


@pytest.mark.usefixtures("corpus")
def test_every_loaded_record_has_a_fingerprint():
    keys = set(FixtureRecord.objects.values_list("key", flat=True))
    assert f"cases/{EQUIFAX}" in keys
    assert "principles/fast-response" in keys
    assert "provisions/eu-gdpr-art33-breach-notification-authority" in keys
    assert "jurisdictions/eu" in keys and "reporter-classes/cn-cii-operator" in keys
    assert len(keys) == FixtureRecord.objects.count()


@pytest.mark.usefixtures("corpus")
def test_a_reload_of_unchanged_fixtures_writes_nothing():
    report = load_all()
    assert report.changes == 0
    assert not report.kept_edited and not report.kept_deleted and not report.forced


@pytest.mark.usefixtures("corpus")
def test_a_case_a_curator_edited_is_kept_and_named():
    case = Case.objects.get(slug=EQUIFAX)
    case.summary_en = "A curator's better summary."
    case.save()
    output = _load()
    assert f"kept 1 record edited since it was loaded: cases/{EQUIFAX}" in output
    assert Case.objects.get(slug=EQUIFAX).summary_en == "A curator's better summary."


@pytest.mark.usefixtures("corpus")
def test_an_edit_to_a_child_row_counts_as_an_edit():
    event = TimelineEvent.objects.filter(case__slug=EQUIFAX).order_by("position").first()
    event.text_en = "Corrected by a curator."
    event.save()
    report = load_all()
    assert f"cases/{EQUIFAX}" in report.kept_edited
    event.refresh_from_db()
    assert event.text_en == "Corrected by a curator."


@pytest.mark.usefixtures("corpus")
def test_force_overwrites_the_edit_and_says_so():
    case = Case.objects.get(slug=EQUIFAX)
    case.summary_en = "A curator's better summary."
    case.save()
    output = _load("--force")
    assert f"--force: overwrote 1 record changed since it was loaded: cases/{EQUIFAX}" in output
    assert Case.objects.get(slug=EQUIFAX).summary_en == _fixture_summary()
    # ... and the overwritten record is tracked again: the next run leaves it alone.
    assert load_all().changes == 0


@pytest.mark.usefixtures("corpus")
def test_a_record_a_curator_deleted_is_not_recreated():
    LegalProvision.objects.get(slug="eu-gdpr-art83-fines").delete()
    output = _load()
    assert "kept 1 record deleted since it was loaded (not re-created)" in output
    assert "provisions/eu-gdpr-art83-fines" in output
    assert not LegalProvision.objects.filter(slug="eu-gdpr-art83-fines").exists()


@pytest.mark.usefixtures("corpus")
def test_force_recreates_a_deleted_record():
    Case.objects.get(slug="gitlab-database-outage-2017").delete()
    report = load_all(force=True)
    assert "cases/gitlab-database-outage-2017" in report.forced
    case = Case.objects.get(slug="gitlab-database-outage-2017")
    assert case.sources.exists() and case.measures.exists()


@pytest.mark.usefixtures("corpus")
def test_a_link_to_a_case_a_curator_deleted_is_skipped(tmp_path):
    fixtures = _copy_fixtures(tmp_path)
    Case.objects.get(slug="ofo-mobike-bike-sharing-2018").delete()
    # The case that linked to it lost the link with it, so it counts as edited and is kept...
    assert "cases/shared-bike-quality-2017" in load_all().kept_edited
    # ... and a new fixture case that links to the deleted one loads without the link.
    data = json.loads((fixtures / "cases" / "shared-bike-quality-2017.json").read_text("utf-8"))
    data["slug"] = "bike-copy"
    (fixtures / "cases" / "bike-copy.json").write_text(json.dumps(data), encoding="utf-8")
    _load(fixtures=fixtures)
    copy = Case.objects.get(slug="bike-copy")
    assert not copy.relations.filter(to_case__slug="ofo-mobike-bike-sharing-2018").exists()
    assert not Case.objects.filter(slug="ofo-mobike-bike-sharing-2018").exists()


@pytest.mark.usefixtures("corpus")
def test_a_new_fixture_record_is_created(tmp_path):
    fixtures = _copy_fixtures(tmp_path)
    source = fixtures / "cases" / f"{EQUIFAX}.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["slug"] = "equifax-copy"
    data["related"] = []
    (fixtures / "cases" / "equifax-copy.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )
    output = _load(fixtures=fixtures)
    assert Case.objects.filter(slug="equifax-copy").exists()
    assert "kept" not in output


@pytest.mark.usefixtures("corpus")
def test_a_changed_fixture_updates_a_record_nobody_edited(tmp_path):
    fixtures = _copy_fixtures(tmp_path)
    path = fixtures / "cases" / f"{EQUIFAX}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["summary"]["en"] = "The fixture's new summary."
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _load(fixtures=fixtures)
    assert Case.objects.get(slug=EQUIFAX).summary_en == "The fixture's new summary."


# --- bad fixtures stop the run, name the file, the record and the field, write nothing ------


def _copy_fixtures(tmp_path) -> Path:
    target = tmp_path / "fixtures"
    shutil.copytree(settings.CRISISKB_FIXTURES, target, ignore=shutil.ignore_patterns("facts"))
    return target


def _edit_json(path: Path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _with_doctrine_edit(fixtures: Path):
    """A valid change loaded before the bad record: it must not survive the failed run."""

    def rename(data):
        data["principles"][0]["name"]["en"] = "Renamed in the same run"

    _edit_json(fixtures / "doctrine.json", rename)


@pytest.mark.parametrize(
    "breakage, message",
    [
        (
            "country",
            r"fixtures/cases/equifax-breach-2017\.json: cases/equifax-breach-2017: "
            r"countries: unknown country code 'XX'",
        ),
        (
            "source",
            r"fixtures/cases/equifax-breach-2017\.json: cases/equifax-breach-2017: "
            r"timeline\[1\]\.sources: no source \[999\]",
        ),
        (
            "deadline",
            r"fixtures/legal\.json: provisions/eu-gdpr-art33-breach-notification-authority: "
            r"deadlines\[1\]\.unit: a deadline needs a unit",
        ),
    ],
)
@pytest.mark.usefixtures("corpus")
def test_a_bad_fixture_stops_the_run_and_writes_nothing(tmp_path, breakage, message):
    fixtures = _copy_fixtures(tmp_path)
    _with_doctrine_edit(fixtures)
    case_file = fixtures / "cases" / f"{EQUIFAX}.json"
    if breakage == "country":
        _edit_json(case_file, lambda d: d.__setitem__("countries", ["US", "XX"]))
    elif breakage == "source":
        _edit_json(case_file, lambda d: d["timeline"][0].__setitem__("sources", [999]))
    else:

        def drop_unit(data):
            provision = next(
                p
                for p in data["provisions"]
                if p["slug"] == "eu-gdpr-art33-breach-notification-authority"
            )
            del provision["deadlines"][0]["unit"]

        _edit_json(fixtures / "legal.json", drop_unit)
    before = Principle.objects.ordered().first().name_en
    with pytest.raises(CommandError, match=message):
        _load(fixtures=fixtures)
    assert Principle.objects.ordered().first().name_en == before


@pytest.mark.usefixtures("corpus")
def test_a_record_there_before_fingerprints_is_not_overwritten():
    # A database loaded before load_seed kept fingerprints: nobody can tell whether a curator
    # edited its records, so they are kept, and --force loads over them.
    FixtureRecord.objects.filter(key=f"cases/{EQUIFAX}").delete()
    Case.objects.filter(slug=EQUIFAX).update(summary_en="Written before fingerprints.")
    output = _load()
    assert (
        f"kept 1 record that was in the database before load_seed tracked it: cases/{EQUIFAX}"
        in output
    )
    assert Case.objects.get(slug=EQUIFAX).summary_en == "Written before fingerprints."
    _load("--force")
    assert Case.objects.get(slug=EQUIFAX).summary_en == _fixture_summary()
    assert FixtureRecord.objects.filter(key=f"cases/{EQUIFAX}").exists()
