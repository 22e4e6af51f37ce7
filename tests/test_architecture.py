"""The dependency arrows stay one-way (docs/architecture.md): core imports no app; strategies
only core; cases core and strategies; legal and search core, cases and strategies; nothing
imports legal or search; crisiskb (settings and URLs) may import every app. No app imports
another app's admin or services. No database needed: the source is read, not run."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "strategies", "cases", "legal", "search", "crisiskb"]
ALLOWED = {
    "core": set(),
    "strategies": {"core"},
    "cases": {"core", "strategies"},
    "legal": {"core", "cases", "strategies"},
    "search": {"core", "cases", "strategies"},
    "crisiskb": set(APPS),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _edges():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            for name in _imports(path):
                target = name.split(".")[0]
                if target in APPS and target != app:
                    yield app, path.relative_to(ROOT), name


EDGES = list(_edges())


def test_the_check_sees_the_arrows_it_guards():
    # Guard against a check that reads nothing: the known arrows are there.
    pairs = {(app, name.split(".")[0]) for app, _path, name in EDGES}
    assert {("cases", "strategies"), ("legal", "cases"), ("cases", "core")} <= pairs


@pytest.mark.parametrize("app", APPS)
def test_dependencies_point_one_way(app):
    wrong = [
        f"{path}: {name}"
        for source, path, name in EDGES
        if source == app and name.split(".")[0] not in ALLOWED[app]
    ]
    assert not wrong, f"{app} imports what it must not:\n" + "\n".join(wrong)


def test_no_app_imports_another_app_s_admin_or_services():
    wrong = [
        f"{path}: {name}"
        for source, path, name in EDGES
        if source != "crisiskb"
        and name.split(".")[0] != "core"  # core is what every app shares
        and len(name.split(".")) > 1
        and name.split(".")[1] in ("admin", "services")
    ]
    assert not wrong, "\n".join(wrong)
