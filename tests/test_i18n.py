"""Both languages: URLs, lang attributes, switcher, hreflang, fallbacks, number formats."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

# Each page with a content string it shows in English and in Chinese (from the fixtures).
PAGES = {
    "/{lang}/": ("Fast response", "快速反应"),
    "/{lang}/cases/": ("Data leak", "数据泄露"),
    "/{lang}/cases/social-platform-data-leak-2018/": ("87 million", "8700万"),
    "/{lang}/types/": ("Data leak", "数据泄露"),
    "/{lang}/types/data-leak/": ("Data leak", "数据泄露"),
    "/{lang}/tags/": ("Tags", "标签"),
    "/{lang}/matrix/": ("Fast response", "快速反应"),
    "/{lang}/principles/": ("Fast response", "快速反应"),
    "/{lang}/principles/fast-response/": ("Fast response", "快速反应"),
    "/{lang}/strategies/": ("Emergency plan", "制定应急预案"),
    "/{lang}/strategies/rapid-response-disclosure/": ("Emergency plan", "制定应急预案"),
    "/{lang}/tactics/emergency-plan/": ("Emergency plan", "制定应急预案"),
    "/{lang}/about/introduction/": ("crisis", "危机"),
}

# The main navigation's first entry, translated.
INTERFACE = {"en": ">Cases</a>", "zh-hans": ">案例</a>"}


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(client, page, lang):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert INTERFACE[lang] in html, (page, lang)
    content = PAGES[page][0 if lang == "en" else 1]
    assert content in html, (page, lang, content)


@pytest.mark.usefixtures("corpus")
def test_language_switcher_keeps_the_record(client):
    html = client.get("/en/cases/shared-bike-quality-2017/").content.decode()
    assert 'href="/zh-hans/cases/shared-bike-quality-2017/"' in html
    html = client.get("/zh-hans/cases/shared-bike-quality-2017/").content.decode()
    assert 'href="/en/cases/shared-bike-quality-2017/"' in html


@pytest.mark.usefixtures("corpus")
def test_switcher_keeps_the_query_string(client):
    html = client.get("/en/cases/?type=data-leak").content.decode()
    assert 'href="/zh-hans/cases/?type=data-leak"' in html


@pytest.mark.usefixtures("corpus")
def test_hreflang_alternates_on_every_page(client):
    html = client.get("/en/principles/fast-response/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/principles/fast-response/"' in html
    assert 'hreflang="zh-hans" href="http://testserver/zh-hans/principles/fast-response/"' in html


@pytest.mark.usefixtures("corpus")
def test_chinese_case_page_shows_chinese_content(client):
    html = client.get("/zh-hans/cases/social-platform-data-leak-2018/").content.decode()
    assert "8700万" in html
    html_en = client.get("/en/cases/social-platform-data-leak-2018/").content.decode()
    assert "87 million" in html_en


def test_missing_translation_falls_back_with_a_visible_note(client):
    f.case(slug="english-only", title_en="Only in English", summary_en="An English summary.")
    html = client.get("/zh-hans/cases/english-only/").content.decode()
    assert "Only in English" in html
    assert "An English summary." in html
    assert 'class="fallback-note"' in html
    html = client.get("/en/cases/english-only/").content.decode()
    assert 'class="fallback-note"' not in html


def test_chinese_only_record_falls_back_on_the_english_page(client):
    f.case(slug="chinese-only", title_en="", title_zh_hans="只有中文", organisation_zh_hans="某")
    html = client.get("/en/cases/chinese-only/").content.decode()
    assert "只有中文" in html
    assert 'class="fallback-note"' in html


def test_dates_follow_the_language(client):
    f.case(slug="dated", outbreak_date="2018-03-17", outbreak_precision="day")
    assert "March 17, 2018" in client.get("/en/cases/dated/").content.decode()
    assert "2018年3月17日" in client.get("/zh-hans/cases/dated/").content.decode()
