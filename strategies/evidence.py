"""How the doctrine pages get their evidence without `strategies` importing `cases`.

A principle, strategy or tactic page shows the cases and measures that put it to work. Those live
in `cases`, which depends on `strategies`, never the reverse. So `cases` registers a provider here
when it starts (`CasesConfig.ready`), and the doctrine views ask the provider for a context to
render with the template it names. Without a provider the pages render with no evidence section.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Evidence:
    """What a doctrine page shows of the cases: a template to include and its context."""

    template_name: str = ""
    context: dict[str, Any] = field(default_factory=dict)


class EvidenceProvider(Protocol):
    def for_principle(self, principle, *, request) -> Evidence: ...

    def for_strategy(self, strategy, *, request) -> Evidence: ...

    def for_tactic(self, tactic, *, request) -> Evidence: ...

    def for_principle_list(self, principles, *, request) -> dict[int, int]: ...


class _NoEvidence:
    def for_principle(self, principle, *, request):
        return Evidence()

    for_strategy = for_tactic = for_principle

    def for_principle_list(self, principles, *, request):
        return {}


_provider: EvidenceProvider = _NoEvidence()


def register(provider: EvidenceProvider) -> None:
    global _provider
    _provider = provider


def provider() -> EvidenceProvider:
    return _provider
