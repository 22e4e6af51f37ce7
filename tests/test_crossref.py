"""Compare, response speed, playbooks, study guide, citations, feeds."""

from datetime import date

import pytest
from django.http import QueryDict

from cases import citations
from cases.models import Case, ResponseInterval, TimelineEvent
from cases.selectors import timing
from cases.selectors.playbook import playbook_clock
from tests import factories as f

pytestmark = pytest.mark.django_db

SEED = [
    "social-platform-data-leak-2018",
    "ecommerce-counterfeit-scandal-2019",
    "shared-bike-quality-2017",
]


# --- compare ------------------------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("count", [2, 3, 4])
def test_compare_two_to_four_cases(client, count):
    extra = [f.case(slug=f"cmp-extra-{n}").slug for n in range(max(0, count - 3))]
    slugs = (SEED + extra)[:count]
    response = client.get("/en/compare/?cases=" + ",".join(slugs))
    assert response.status_code == 200
    assert [c.slug for c in response.context["cases"]] == slugs
    html = response.content.decode()
    assert "Time to first public statement" in html
    assert html.count('<th scope="row"><a href="/en/principles/') == 5  # one row per principle
    for slug in slugs:
        assert f"/en/cases/{slug}/" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Pick two to four"),
        ("?cases=", "Pick two to four"),
        ("?cases=,,,", "Pick two to four"),
        ("?cases=a,b,c,d,e", "Pick two to four"),
        ("?cases=a,<script>", "malformed"),
        ("?cases=" + "x" * 10_000, "malformed"),
        ("?cases=shared-bike-quality-2017,shared-bike-quality-2017", "listed twice"),
        ("?cases=only-one", "No such case: only-one"),
    ],
)
def test_compare_with_bad_input_is_a_400_with_the_reason(client, query, message):
    response = client.get("/en/compare/" + query)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.usefixtures("corpus")
def test_compare_with_unknown_or_draft_case_says_so(client):
    f.case(slug="cmp-draft", status=Case.Status.DRAFT)
    for slug in ("nope", "cmp-draft"):
        response = client.get(f"/en/compare/?cases=shared-bike-quality-2017,{slug}")
        assert response.status_code == 400
        assert f"No such case: {slug}" in response.content.decode()


@pytest.mark.usefixtures("corpus")
def test_compare_adds_and_removes_cases_in_the_url(client):
    html = client.get("/en/compare/?cases=equifax-breach-2017&q=Marriott").content.decode()
    assert "Find a case to add" in html
    assert "?cases=equifax-breach-2017,marriott-starwood-breach-2018&amp;t0=outbreak" in html
    two = "equifax-breach-2017,marriott-starwood-breach-2018"
    html = client.get(f"/en/compare/?cases={two}").content.decode()
    # Each case can be removed: the link keeps the others.
    assert "?cases=marriott-starwood-breach-2018&amp;t0=outbreak" in html
    assert "?cases=equifax-breach-2017&amp;t0=outbreak" in html
    four = ",".join([*SEED, "equifax-breach-2017"])
    html = client.get(f"/en/compare/?cases={four}").content.decode()
    assert "Four cases is the most a comparison holds" in html
    assert "Find a case to add" not in html


@pytest.mark.usefixtures("corpus")
def test_compare_aligns_the_timelines_on_the_chosen_moment(client):
    two = "equifax-breach-2017,marriott-starwood-breach-2018"
    context = client.get(f"/en/compare/?cases={two}&t0=discovered").context
    timelines = context["timelines"]
    assert context["t0"] == "discovered"
    for row in timelines.rows:
        assert row.t0 is not None and row.t0.milestone == "discovered"
        assert any(d.when == "T0" and d.moment.milestone == "discovered" for d in row.dots)
    disclosed = dict(timelines.milestones)[str(TimelineEvent.Milestone.DISCLOSED.label)]
    assert disclosed[0] == "+40 days"  # Equifax: discovered 29 July, disclosed 7 September


@pytest.mark.usefixtures("corpus")
def test_compare_checkboxes_redirect_to_the_shareable_url(client):
    response = client.get("/en/compare/?case=shared-bike-quality-2017&case=cmp-x")
    assert response.status_code == 302
    assert response["Location"].endswith("?cases=shared-bike-quality-2017%2Ccmp-x")


def test_compare_aligns_measures_by_principle(client):
    p = f.principle(slug="cmp-p")
    a = f.case(slug="cmp-a")
    f.case(slug="cmp-b")
    f.measure(case=a, principles=[p], title_en="Applied by A")
    context = client.get("/en/compare/?cases=cmp-a,cmp-b").context
    row = next(r for r in context["alignment"] if r.principle == p)
    assert [m.title for m in row.cells[0]] == ["Applied by A"]
    assert row.cells[1] == []


# --- response-delay arithmetic ------------------------------------------------------------


def test_delay_between_day_precise_dates():
    assert timing.delay_between(date(2018, 3, 17), "day", date(2018, 3, 21), "day").days == 4
    assert timing.delay_between(date(2018, 3, 17), "day", date(2018, 3, 17), "day").days == 0


def test_delay_across_a_year_boundary():
    assert timing.delay_between(date(2017, 12, 30), "day", date(2018, 1, 2), "day").days == 3


@pytest.mark.parametrize(
    ("start", "sp", "end", "ep", "reason"),
    [
        (None, "day", date(2018, 1, 1), "day", "missing"),
        (date(2018, 1, 1), "day", None, "day", "missing"),
        (date(2018, 3, 1), "month", date(2018, 3, 21), "day", "imprecise"),
        (date(2018, 1, 1), "day", date(2018, 1, 1), "year", "imprecise"),
    ],
)
def test_delay_is_unknown_without_two_day_precise_dates(start, sp, end, ep, reason):
    delay = timing.delay_between(start, sp, end, ep)
    assert delay.days is None and not delay.known and delay.reason == reason


def test_first_response_delay_uses_the_first_statement():
    case = f.case(outbreak_date=date(2020, 5, 1), outbreak_precision="day")
    TimelineEvent.objects.create(case=case, position=1, date=date(2020, 5, 1), kind="outbreak")
    TimelineEvent.objects.create(
        case=case, position=2, date=date(2020, 5, 3), kind="first_statement", text_en="Said"
    )
    assert timing.first_response_delay(case).days == 2
    empty = f.case()
    assert timing.first_response_delay(empty).reason == "missing"


def test_response_speed_page_has_chart_and_table(client):
    case = f.case(
        slug="speedy",
        outbreak_date=date(2020, 5, 1),
        outbreak_precision="day",
        outcome_rating="recovered",
    )
    TimelineEvent.objects.create(
        case=case, position=1, date=date(2020, 5, 2), kind="first_statement", text_en="Said"
    )
    # The interval is stored when the timeline changes (cases.signals), not per request.
    interval = ResponseInterval.objects.get(case=case, step="statement")
    assert (interval.precision, interval.amount) == ("day", 1)
    html = client.get("/en/response-speed/?sort=slowest&type=" + case.primary_type.slug)
    html = html.content.decode()
    assert '<svg viewBox="0 0 350' in html and 'role="img"' in html
    assert "<table" in html and "/en/cases/speedy/#response-clock" in html
    assert "correlation is not cause" in html


@pytest.mark.usefixtures("corpus")
def test_response_speed_sorts_and_filters_and_ignores_bad_input(client):
    html = client.get("/en/response-speed/?step=disclosure&sort=fastest").content.decode()
    rows = ResponseInterval.objects.filter(step="disclosure", case__status="published")
    fastest = rows.order_by("hours", "case__slug").select_related("case").first()
    table = html.split('id="speed-caption"')[1]
    first_row_end = table.index("</tr>", table.index("<tbody"))
    assert table.index(fastest.case.get_absolute_url()) < first_row_end
    for query in ("?step=nope", "?country=%00", "?outcome=great&page=999", "?sort=" + "x" * 5000):
        response = client.get("/en/response-speed/" + query)
        assert response.status_code == 200, query


# --- playbooks ----------------------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize(
    "slug", ["data-leak", "negative-public-opinion", "product-quality-service"]
)
def test_playbook_evidence_traces_back_to_real_measures(slug):
    from cases.models import CrisisType, PlaybookStep

    crisis_type = CrisisType.objects.get(slug=slug)
    clock = playbook_clock(crisis_type=crisis_type, user=None, params=QueryDict())
    assert [w.code for w in clock.windows] == ["hour", "day", "72h", "week", "after"]
    steps = [i for i in clock.items if i.kind == "step"]
    assert steps, slug
    assert [i.number for i in clock.items] == list(range(1, len(clock.items) + 1))
    curated = PlaybookStep.objects.filter(all_types=True) | PlaybookStep.objects.filter(
        crisis_types=crisis_type
    )
    assert len(steps) == curated.distinct().count()
    evidence = [ev for step in steps for ev in step.did]
    assert evidence, slug
    for step in steps:
        for ev in step.did:
            assert ev.measure.case_id == ev.case.pk
            assert ev.case.status == "published"
            assert ev.case.crisis_types.filter(pk=crisis_type.pk).exists()
            anchor = step.tactic or step.principle
            related = ev.measure.tactics if step.tactic else ev.measure.principles
            assert related.filter(pk=anchor.pk).exists()
        for ev in step.did_not:
            assert ev.measure is None


@pytest.mark.usefixtures("corpus")
def test_playbook_page_prints_and_downloads(client):
    html = client.get("/en/types/data-leak/playbook/").content.decode()
    assert "Download as Markdown" in html and "#measure-" in html
    response = client.get("/en/types/data-leak/playbook.md")
    assert response["Content-Type"].startswith("text/markdown")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("# Playbook: Data leak")
    assert "## First hour" in text and "#measure-" in text
    assert client.get("/en/types/nope/playbook/").status_code == 404


# --- study guide, citations ---------------------------------------------------------------


@pytest.mark.usefixtures("corpus")
def test_study_guide_walks_principles_strategies_cases(client):
    html = client.get("/en/study/").content.decode()
    for slug in ("fast-response", "rapid-response-disclosure", "social-platform-data-leak-2018"):
        assert slug in html
    assert "Discussion questions" in html


@pytest.mark.usefixtures("corpus")
def test_apa_citation_format():
    case = Case.objects.get(slug="shared-bike-quality-2017")
    text = citations.apa(case, "https://kb.example/en/cases/x/", date(2026, 11, 25))
    assert text.startswith(
        f"CrisisKB editors. ({case.updated_at.year}). {case.title} [Case study]."
    )
    assert text.endswith("Retrieved November 25, 2026, from https://kb.example/en/cases/x/")


def test_bibtex_citation_is_valid_and_escaped():
    case = f.case(slug="bib-case", title_en="Profits & {losses} at 50% off_now")
    text = citations.bibtex(case, "https://kb.example/en/cases/bib-case/", date(2026, 1, 2))
    assert text.startswith("@misc{crisiskb-bib-case,\n")
    assert r"title = {Profits \& \{losses\} at 50\% off\_now}" in text
    assert r"howpublished = {\url{https://kb.example/en/cases/bib-case/}}" in text
    assert "note = {Case study. Accessed 2026-01-02}" in text
    assert text.count("{") == text.count("}")
    assert text.endswith("\n}")


@pytest.mark.usefixtures("corpus")
def test_case_page_shows_citations_and_compare_form(client):
    html = client.get("/en/cases/shared-bike-quality-2017/").content.decode()
    assert "Cite this case" in html and "@misc{crisiskb-shared-bike-quality-2017" in html
    assert 'action="/en/compare/"' in html


# --- matrices, feeds, sitemap, meta -------------------------------------------------------


@pytest.mark.usefixtures("corpus")
def test_type_strategy_matrix_counts_and_filters(client):
    context = client.get("/en/matrix/types-strategies/").context
    total = sum(sum(row.counts) for row in context["type_rows"])
    assert total > 0
    context = client.get("/en/matrix/types-strategies/?type=data-leak&year=2018").context
    assert [row.type.slug for row in context["type_rows"]] == ["data-leak"]


def test_feed_lists_published_cases_only(client):
    f.case(slug="feed-draft", title_en="Feed draft", status=Case.Status.DRAFT)
    f.case(slug="feed-live", title_en="Feed live")
    response = client.get("/en/feeds/cases.atom")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<feed" in body and "Feed live" in body and "Feed draft" not in body


@pytest.mark.usefixtures("corpus")
def test_sitemap_lists_published_records_only_in_both_languages(client):
    f.case(slug="map-draft", status=Case.Status.DRAFT)
    body = client.get("/sitemap.xml").content.decode()
    assert "/en/cases/shared-bike-quality-2017/" in body
    assert "/zh-hans/cases/shared-bike-quality-2017/" in body
    assert "map-draft" not in body
    assert "/en/principles/fast-response/" in body


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize(
    "url", ["/en/", "/en/cases/shared-bike-quality-2017/", "/en/principles/fast-response/"]
)
def test_every_page_has_meta_and_opengraph_descriptions(client, url):
    html = client.get(url).content.decode()
    assert '<meta name="description" content="' in html
    assert '<meta property="og:title" content="' in html
    assert '<meta property="og:description" content="' in html


def test_a_statement_before_the_outbreak_reads_as_before(client):
    case = f.case(slug="early", outbreak_date=date(2020, 5, 3), outbreak_precision="day")
    TimelineEvent.objects.create(
        case=case, position=1, date=date(2020, 5, 2), kind="first_statement", text_en="Early"
    )
    delay = timing.first_response_delay(case)
    assert delay.days == -1 and delay.before_outbreak and delay.magnitude == 1
    html = client.get("/en/cases/early/").content.decode()
    assert "1 day before the outbreak" in html
