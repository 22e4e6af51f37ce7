"""Extension points of the case page and the playbooks, for apps that build on `cases`.

`cases` never imports the apps that build on it (`legal`, for one). Those apps register here, in
their `AppConfig.ready()`, the same way `cases` gives `strategies` its evidence
(`strategies/evidence.py`):

- a **case panel** — `register_case_panel(fn)`, where `fn(case, request)` returns a `CasePanel`
  or `None`. The case page shows every panel returned, in registration order, as a section after
  the outcome, with an entry in the page's table of contents. The panel's template receives
  `panel` (its `context` holds the data).
- a **playbook step contributor** — `register_playbook_steps(fn)`, where `fn(crisis_type, user)`
  returns `ContributedStep`s. The playbook lists them in the phase each names, before the steps
  drawn from the cases' measures, in the order returned.

Each callable runs a fixed number of queries, whatever the size of the corpus: the pages'
query-count tests count them. With nothing registered the pages show what `cases` alone knows.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CasePanel:
    """A section of the case page: its anchor, its heading, the template and its data."""

    anchor: str
    title: str
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ContributedStep:
    """A playbook step from another app, in one of `ResponseMeasure.Phase`'s phases.

    `label` is a short badge (e.g. "Legal duty"), `when` says when the step is due, `notes` are
    short lines shown under the summary.
    """

    phase: str
    title: str
    url: str
    summary: str = ""
    label: str = ""
    when: str = ""
    notes: tuple[str, ...] = ()


CasePanelProvider = Callable[..., CasePanel | None]
PlaybookStepContributor = Callable[..., Iterable[ContributedStep]]

_case_panels: list[CasePanelProvider] = []
_playbook_contributors: list[PlaybookStepContributor] = []


def register_case_panel(provider: CasePanelProvider) -> None:
    if provider not in _case_panels:
        _case_panels.append(provider)


def register_playbook_steps(contributor: PlaybookStepContributor) -> None:
    if contributor not in _playbook_contributors:
        _playbook_contributors.append(contributor)


def case_panels(case, *, request) -> list[CasePanel]:
    """The panels every registered provider gives this case."""
    panels = (provider(case, request) for provider in _case_panels)
    return [panel for panel in panels if panel is not None]


def playbook_steps(crisis_type, *, user) -> list[ContributedStep]:
    """The steps every registered contributor adds to this crisis type's playbook."""
    return [
        step for contributor in _playbook_contributors for step in contributor(crisis_type, user)
    ]
