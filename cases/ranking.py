"""Related-case rankings, computed when content changes and stored (RelatedRank), so a case
page reads them in one small query instead of joining the corpus per request.

The ranking: every other published case that shares something with a case, scored by what it
shares (WEIGHTS: a crisis type, a principle both applied, a tactic, a tag — each counted once),
best first, ties broken by the newer year, then the slug; the case's curated links are left out
(the page shows them first). A case keeps its best LIMIT.

What a change affects: the changed case's own list; the lists it is in (it may have fallen or
gone); and the lists it now enters. Scores are symmetric, so one product of the changed case's
features with everyone's tells where it enters. Changes are queued (core.pending) and applied
once per transaction; `rebuild()` recomputes everything (manage.py rebuild_related).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import TaggedItem

from core import page_cache
from core.pending import CommitQueue

from .models import Case, CaseRelation, RelatedRank, ResponseMeasure

# What sharing each thing is worth.
WEIGHTS = {"type": 3, "principle": 2, "tactic": 1, "tag": 1}
LIMIT = 6  # stored per case; the page shows as many as its curated links leave room for
BLOCK = 256  # cases scored per matrix product (bounds the memory: BLOCK × corpus floats)


@dataclass
class _Corpus:
    """Every case's features, as sets and as a binary matrix (one column per feature)."""

    ids: list[int]
    row: dict[int, int]
    order: np.ndarray  # rank of each case in (-year, slug) order: the tie-break
    candidate: np.ndarray  # published: may be ranked for another case
    features: dict[int, dict[str, set[int]]]
    matrix: np.ndarray  # cases × features, 0/1
    weights: np.ndarray  # per feature column
    curated: dict[int, set[int]]

    @classmethod
    def load(cls) -> _Corpus:
        ids = list(Case.objects.order_by("-year", "slug").values_list("pk", flat=True))
        row = {pk: i for i, pk in enumerate(ids)}
        published = set(Case.objects.published().values_list("pk", flat=True))
        features: dict[int, dict[str, set[int]]] = {
            pk: {kind: set() for kind in WEIGHTS} for pk in ids
        }
        pairs = {
            "type": Case.crisis_types.through.objects.values_list("case_id", "crisistype_id"),
            "principle": ResponseMeasure.principles.through.objects.values_list(
                "responsemeasure__case_id", "principle_id"
            ),
            "tactic": ResponseMeasure.tactics.through.objects.values_list(
                "responsemeasure__case_id", "tactic_id"
            ),
            "tag": TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Case)
            ).values_list("object_id", "tag_id"),
        }
        columns: dict[tuple[str, int], int] = {}
        cells: list[tuple[int, int]] = []
        for kind, query in pairs.items():
            for case_id, value in query.iterator(chunk_size=10_000):
                if case_id not in row:
                    continue
                features[case_id][kind].add(value)
                column = columns.setdefault((kind, value), len(columns))
                cells.append((row[case_id], column))
        matrix = np.zeros((len(ids), max(len(columns), 1)), dtype=np.float64)
        if cells:
            rows, cols = zip(*cells, strict=True)
            matrix[list(rows), list(cols)] = 1.0
        weights = np.zeros(matrix.shape[1])
        for (kind, _value), column in columns.items():
            weights[column] = WEIGHTS[kind]
        curated: dict[int, set[int]] = defaultdict(set)
        for from_id, to_id in CaseRelation.objects.values_list("from_case_id", "to_case_id"):
            curated[from_id].add(to_id)
        return cls(
            ids=ids,
            row=row,
            order=np.arange(len(ids), dtype=np.float64),
            candidate=np.array([pk in published for pk in ids], dtype=bool),
            features=features,
            matrix=matrix,
            weights=weights,
            curated=curated,
        )

    def scores_with(self, pk: int) -> np.ndarray:
        """What every case shares with case `pk` (symmetric)."""
        return self.matrix @ (self.matrix[self.row[pk]] * self.weights)

    def best(self, pks: list[int]) -> dict[int, list[int]]:
        """Each case's best LIMIT other cases, best first."""
        result: dict[int, list[int]] = {}
        weighted = self.matrix * self.weights
        n = len(self.ids)
        for start in range(0, len(pks), BLOCK):
            block = pks[start : start + BLOCK]
            rows = [self.row[pk] for pk in block]
            scores = weighted[rows] @ self.matrix.T  # block × cases
            # One sortable key: the score first, then the (-year, slug) rank.
            keys = np.where(
                (scores > 0) & self.candidate[np.newaxis, :], scores * (n + 1) - self.order, -1.0
            )
            for i, pk in enumerate(block):
                keys[i, rows[i]] = -1.0
                for other in self.curated.get(pk, ()):
                    if other in self.row:
                        keys[i, self.row[other]] = -1.0
            k = min(LIMIT, n)
            top = np.argpartition(-keys, k - 1, axis=1)[:, :k] if n else np.empty((len(block), 0))
            for i, pk in enumerate(block):
                chosen = [int(j) for j in top[i] if keys[i, j] > 0]
                chosen.sort(key=lambda j, i=i: -keys[i, j])
                result[pk] = [self.ids[j] for j in chosen]
        return result

    def rank(self, pk: int, other: int, position: int) -> RelatedRank:
        mine, theirs = self.features[pk], self.features[other]
        shared = {kind: mine[kind] & theirs[kind] for kind in WEIGHTS}
        return RelatedRank(
            case_id=pk,
            other_id=other,
            position=position,
            score=sum(WEIGHTS[kind] * len(values) for kind, values in shared.items()),
            shared_types=len(shared["type"]),
            shared_tactics=len(shared["tactic"]),
            shared_tags=len(shared["tag"]),
            principles=sorted(shared["principle"]),
        )


def _thresholds(corpus: _Corpus) -> np.ndarray:
    """Each stored list's last entry, as a ranking key; a list shorter than LIMIT takes anyone."""
    n = len(corpus.ids)
    threshold = np.full(n, -1.0)
    for case_id, other_id, score in RelatedRank.objects.filter(position=LIMIT).values_list(
        "case_id", "other_id", "score"
    ):
        if case_id in corpus.row and other_id in corpus.row:
            threshold[corpus.row[case_id]] = score * (n + 1) - corpus.order[corpus.row[other_id]]
    return threshold


def _entered(corpus: _Corpus, pk: int, threshold: np.ndarray) -> set[int]:
    """The cases whose stored list the (published) case `pk` now enters."""
    if not corpus.candidate[corpus.row[pk]]:
        return set()
    scores = corpus.scores_with(pk)
    mine = scores * (len(corpus.ids) + 1) - corpus.order[corpus.row[pk]]
    hits = np.nonzero((scores > 0) & (mine > threshold))[0]
    return {
        corpus.ids[j]
        for j in hits
        if corpus.ids[j] != pk and pk not in corpus.curated.get(corpus.ids[j], ())
    }


@transaction.atomic
def refresh(changed: Iterable[int]) -> int:
    """Recompute what a change to these cases affects; returns how many lists were rewritten."""
    changed = set(changed)
    if not changed:
        return 0
    corpus = _Corpus.load()
    present = changed & corpus.row.keys()
    affected = set(present)
    affected |= set(
        RelatedRank.objects.filter(other_id__in=changed).values_list("case_id", flat=True)
    )
    threshold = _thresholds(corpus)
    for pk in present:
        affected |= _entered(corpus, pk, threshold)
    return _write(corpus, sorted(affected & corpus.row.keys()))


@transaction.atomic
def rebuild() -> int:
    """Recompute every case's list; returns how many cases were ranked."""
    corpus = _Corpus.load()
    RelatedRank.objects.all().delete()
    return _write(corpus, corpus.ids, replace=False)


def _write(corpus: _Corpus, pks: list[int], *, replace: bool = True) -> int:
    for start in range(0, len(pks), BLOCK * 8):
        chunk = pks[start : start + BLOCK * 8]
        best = corpus.best(chunk)
        if replace:
            RelatedRank.objects.filter(case_id__in=chunk).delete()
        RelatedRank.objects.bulk_create(
            [
                corpus.rank(pk, other, position)
                for pk in chunk
                for position, other in enumerate(best[pk], start=1)
            ],
            batch_size=2000,
        )
    page_cache.content_changed()
    return len(pks)


def _apply(kind: str, ids: set[int]) -> None:
    refresh(ids)


queue = CommitQueue(_apply)


def schedule(case_ids: Iterable[int | None]) -> None:
    """Re-rank around these cases when the current transaction commits."""
    queue.add(case_ids)
