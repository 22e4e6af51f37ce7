"""Search benchmark: synthetic bilingual cases, index build time, query latency p50/p95.

Run it on a database of its own (it adds thousands of cases), e.g.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 manage.py bench_search --sizes 1000,10000

tests/bench/run.sh does this for both backends. The corpus grows to each size in turn; at each
size the whole index is rebuilt (timed) and every query of a fixed set is run --runs times.
"""

from __future__ import annotations

import platform
import random
import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import QueryDict
from taggit.models import Tag, TaggedItem

from cases.models import Case, CrisisType, ResponseMeasure
from search import query as q
from search import selectors
from search.backends import get_backend
from search.models import SearchDocument
from search.services import rebuild_index

PREFIX = "bench-"

# Bilingual vocabulary: (English, Chinese). The judged words are among them, with frequencies
# from common ("apology") to rare ("counterfeit").
VOCAB = [
    ("data", "数据"), ("leak", "泄露"), ("recall", "召回"), ("counterfeit", "假货"),
    ("apology", "道歉"), ("compensation", "赔偿"), ("platform", "平台"), ("user", "用户"),
    ("regulator", "监管"), ("fine", "罚款"), ("investigation", "调查"), ("statement", "声明"),
    ("privacy", "隐私"), ("security", "安全"), ("outage", "宕机"), ("battery", "电池"),
    ("quality", "质量"), ("product", "产品"), ("service", "服务"), ("public", "公众"),
    ("opinion", "舆论"), ("media", "媒体"), ("report", "报道"), ("trust", "信任"),
    ("customer", "客户"), ("response", "回应"), ("crisis", "危机"), ("company", "公司"),
    ("transparency", "透明"), ("responsibility", "责任"), ("supervision", "监督"),
    ("monitoring", "监控"), ("sentiment", "舆情"), ("hearing", "听证"), ("court", "法院"),
    ("lawsuit", "诉讼"), ("refund", "退款"), ("deposit", "押金"), ("accident", "事故"),
    ("safety", "安全性"), ("food", "食品"), ("hygiene", "卫生"), ("driver", "司机"),
    ("passenger", "乘客"), ("employee", "员工"), ("manager", "经理"), ("video", "视频"),
    ("content", "内容"), ("moderation", "审核"), ("review", "审查"), ("market", "市场"),
    ("share", "股价"), ("brand", "品牌"), ("image", "形象"), ("internal", "内部"),
    ("external", "外部"), ("communication", "沟通"), ("emergency", "应急"), ("plan", "预案"),
    ("password", "密码"), ("account", "账户"), ("breach", "入侵"), ("hacker", "黑客"),
]  # fmt: skip
TAGS = [
    "apology", "regulator", "fine", "privacy", "security", "recall", "counterfeit",
    "social-media", "ceo-statement", "compensation", "outage", "user-safety", "refund",
    "platform-governance", "lawsuit", "content-moderation", "data-breach", "food-safety",
]  # fmt: skip
QUERIES = [
    "数据泄露", "data leak", "召回", "recall", "假货", "counterfeit", "apology", "道歉 赔偿",
    '"data leak"', "recall or 假货", "recall -battery", "platform supervision", "舆情 监控",
    "regulator fine", "hearing court lawsuit", "zzqx nothing matches",
]  # fmt: skip


def _filler(size: int = 3000) -> list[tuple[str, str]]:
    """Everyday words that carry no topic: English pseudo-words built from syllables, paired
    with frequent two-character Chinese words from jieba's own dictionary."""
    import jieba

    path = jieba.get_dict_file()
    topic = {zh for _en, zh in VOCAB}
    zh_words = []
    for line in path.read().decode("utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        if len(word) == 2 and int(freq) > 2000 and word not in topic:
            zh_words.append(word)
    path.close()
    rng = random.Random(1)
    rng.shuffle(zh_words)
    syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi", "nex", "ar", "bo"]
    en_words = sorted({"".join(rng.sample(syllables, 3)) for _ in range(size * 3)})[:size]
    return list(zip(en_words, zh_words[:size], strict=False))


class Corpus:
    """Text in which each case is about a few topics: topic words (the vocabulary people search
    for, picked with a Zipf-like skew) make up a fifth of its words, everyday words the rest.
    A topic word thus appears in a few per cent of cases, the commonest in about a quarter."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.filler = _filler()

    WEIGHTS = [1 / (k + 3) for k in range(len(VOCAB))]

    def topics(self) -> list[tuple[str, str]]:
        return self.rng.choices(VOCAB, weights=self.WEIGHTS, k=3)

    def text(self, topics, words: int) -> tuple[str, str]:
        en, zh = [], []
        for _ in range(words):
            if self.rng.random() < 0.2:
                pair = self.rng.choice(topics)
            else:
                pair = self.filler[int(self.rng.expovariate(1 / 400)) % len(self.filler)]
            en.append(pair[0])
            zh.append(pair[1])
        return " ".join(en).capitalize() + ".", "".join(zh) + "。"


def generate(target: int, *, seed: int = 7, batch: int = 2000) -> int:
    """Add synthetic cases until there are `target`; returns how many were added."""
    existing = Case.objects.filter(slug__startswith=PREFIX).count()
    if existing >= target:
        return 0
    corpus = Corpus(seed + existing)
    rng = corpus.rng
    types = list(CrisisType.objects.all()[:9])
    if not types:
        types = [
            CrisisType.objects.create(slug=f"{PREFIX}type-{i}", name_en=f"Type {i}")
            for i in range(6)
        ]
    tags = {n: Tag.objects.get_or_create(name=n, defaults={"slug": n})[0] for n in TAGS}
    case_type = ContentType.objects.get_for_model(Case)
    through = Case.crisis_types.through
    for start in range(existing, target, batch):
        stop = min(start + batch, target)
        with transaction.atomic():
            cases = []
            for n in range(start, stop):
                topics = corpus.topics()
                title = corpus.text(topics[:1], rng.randint(4, 7))
                summary = corpus.text(topics, rng.randint(15, 25))
                body = [corpus.text(topics, rng.randint(15, 25)) for _ in range(4)]
                lessons = corpus.text(topics, 20)
                cases.append(
                    Case(
                        slug=f"{PREFIX}{n}",
                        title_en=title[0][:240],
                        title_zh_hans=title[1][:240],
                        organisation_en=f"Organisation {n % 997}",
                        organisation_zh_hans=f"机构{n % 997}",
                        year=2000 + n % 25,
                        primary_type=types[n % len(types)],
                        status=Case.Status.PUBLISHED if n % 10 else Case.Status.DRAFT,
                        origin=Case.Origin.EDITORIAL,
                        summary_en=summary[0],
                        summary_zh_hans=summary[1],
                        background_en=" ".join(b[0] for b in body),
                        background_zh_hans="".join(b[1] for b in body),
                        background_html_en="<p>" + " ".join(b[0] for b in body) + "</p>",
                        background_html_zh_hans="<p>" + "".join(b[1] for b in body) + "</p>",
                        lessons_en=lessons[0],
                        lessons_zh_hans=lessons[1],
                        lessons_html_en=f"<p>{lessons[0]}</p>",
                        lessons_html_zh_hans=f"<p>{lessons[1]}</p>",
                    )
                )
            Case.objects.bulk_create(cases)
            measures, links, tagged = [], [], []
            for case in cases:
                topics = corpus.topics()
                for position in (1, 2, 3):
                    title, desc = corpus.text(topics, 3), corpus.text(topics, 15)
                    measures.append(
                        ResponseMeasure(
                            case=case,
                            position=position,
                            title_en=title[0],
                            title_zh_hans=title[1],
                            description_en=desc[0],
                            description_zh_hans=desc[1],
                            description_html_en=f"<p>{desc[0]}</p>",
                            description_html_zh_hans=f"<p>{desc[1]}</p>",
                        )
                    )
                links.append(through(case_id=case.pk, crisistype_id=case.primary_type_id))
                for name in rng.sample(TAGS, 3):
                    tagged.append(
                        TaggedItem(tag=tags[name], content_type=case_type, object_id=case.pk)
                    )
            ResponseMeasure.objects.bulk_create(measures)
            through.objects.bulk_create(links)
            TaggedItem.objects.bulk_create(tagged)
    return target - existing


def _percentile(values, pct):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


class Command(BaseCommand):
    help = "Benchmark search: synthetic cases, index build time, query latency p50/p95."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="1000,10000", help="comma-separated case counts")
        parser.add_argument("--runs", type=int, default=5, help="runs of each query")
        parser.add_argument(
            "--force", action="store_true", help="run even if the database holds real cases"
        )

    def handle(self, *args, **options):
        if not options["force"] and Case.objects.exclude(slug__startswith=PREFIX).exists():
            raise CommandError(
                "This database holds real cases: run the benchmark on a database of its own "
                "(see tests/bench/run.sh), or pass --force."
            )
        sizes = [int(s) for s in options["sizes"].split(",") if s.strip()]
        backend = get_backend()
        self.stdout.write(
            f"# search benchmark — backend {backend.vendor}, {platform.node()}, "
            f"{platform.processor() or platform.machine()}, python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d %H:%M')}"
        )
        self.stdout.write(
            "| cases | generate s | index build s | ranked page p50 ms | p95 ms "
            "| full page p50 ms | p95 ms |"
        )
        for size in sizes:
            started = time.perf_counter()
            generate(size)
            generated = time.perf_counter() - started
            started = time.perf_counter()
            rebuild_index()
            built = time.perf_counter() - started
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            ranked, full = self._measure(options["runs"])
            self.stdout.write(
                f"| {size} | {generated:.1f} | {built:.1f} "
                f"| {statistics.median(ranked):.1f} | {_percentile(ranked, 95):.1f} "
                f"| {statistics.median(full):.1f} | {_percentile(full, 95):.1f} |"
            )

    def _measure(self, runs):
        """Two timings per query: the ranked page (match, rank, the best 1,001 ids, the page's
        20 rows) and the whole selector of the search page (with snippets and facet counts)."""
        backend = get_backend()
        user = AnonymousUser()
        visible = Case.objects.visible_to(user).values("pk")
        ranked_times, full_times = [], []
        for text in QUERIES:
            parsed = q.parse(text)
            params = QueryDict(mutable=True)
            params["q"] = text
            for run in range(runs + 1):
                started = time.perf_counter()
                documents = SearchDocument.objects.filter(case__in=visible)
                best = selectors.best_matches(backend, documents, parsed)
                list(SearchDocument.objects.filter(pk__in=[d for d, _c in best[:20]]))
                middle = time.perf_counter()
                selectors.search(params=params, user=user)
                done = time.perf_counter()
                if run:  # the first run warms caches
                    ranked_times.append((middle - started) * 1000)
                    full_times.append((done - middle) * 1000)
        return ranked_times, full_times
