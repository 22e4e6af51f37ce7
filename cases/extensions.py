"""Extension points of the case page and the playbooks, for apps that build on `cases`.

`cases` never imports the apps that build on it (`legal`, for one). Those apps register here, in
their `AppConfig.ready()`, the same way `cases` gives `strategies` its evidence
(`strategies/evidence.py`):

- a **case panel** — `register_case_panel(fn)`, where `fn(case, request)` returns a `CasePanel`
  or `None`. The case page shows every panel returned, in registration order, as a section after
  the outcome, with an entry in the page's table of contents. The panel's template receives
  `panel` (its `context` holds the data).
- a **playbook step contributor** — `register_playbook_steps(fn)`, where
  `fn(crisis_type, user, choices=None)` returns `ContributedStep`s; `choices` maps the names of
  the contributor's own playbook options (below) to the values the reader chose. The playbook
  puts each step on its clock by its `hours` (its nominal length from discovery).
- **playbook options** — `register_playbook_options(fn)`, where `fn()` returns
  `PlaybookOption`s: checkbox groups the playbook's "start the clock" form shows (legal adds the
  jurisdictions and reporter classes), read back from the query string by name.

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
    # For the playbook clock: the step's nominal length from discovery in hours (0: at once),
    # and a function that turns the start of the clock into the exact moment it is due.
    hours: float | None = None
    due_at: Callable[[Any], Any] | None = None
    alarm: bool = False


@dataclass(frozen=True)
class PlaybookOption:
    """A checkbox group of the playbook's clock form: its query-string name, its legend and
    its (value, label, group) choices."""

    name: str
    legend: str
    choices: tuple[tuple[str, str, str], ...]
    help_text: str = ""


CasePanelProvider = Callable[..., CasePanel | None]
PlaybookStepContributor = Callable[..., Iterable[ContributedStep]]

_case_panels: list[CasePanelProvider] = []
_playbook_contributors: list[PlaybookStepContributor] = []
_playbook_options: list[Callable[[], Iterable[PlaybookOption]]] = []


def register_case_panel(provider: CasePanelProvider) -> None:
    if provider not in _case_panels:
        _case_panels.append(provider)


def register_playbook_steps(contributor: PlaybookStepContributor) -> None:
    if contributor not in _playbook_contributors:
        _playbook_contributors.append(contributor)


def register_playbook_options(provider) -> None:
    if provider not in _playbook_options:
        _playbook_options.append(provider)


def playbook_options() -> list[PlaybookOption]:
    return [option for provider in _playbook_options for option in provider()]


def case_panels(case, *, request) -> list[CasePanel]:
    """The panels every registered provider gives this case."""
    panels = (provider(case, request) for provider in _case_panels)
    return [panel for panel in panels if panel is not None]


def playbook_steps(crisis_type, *, user, choices=None) -> list[ContributedStep]:
    """The steps every registered contributor adds to this crisis type's playbook."""
    return [
        step
        for contributor in _playbook_contributors
        for step in contributor(crisis_type, user, choices=choices or {})
    ]
