"""The Simplified Chinese interface catalogue is complete and sound.

Every entry of locale/zh_Hans/LC_MESSAGES/django.po is translated and none is fuzzy, the
placeholders of each message survive its translation, and nothing that the code or templates
mark for translation is missing from the catalogue (checked by running `makemessages` on a
temporary copy of the project, so the real catalogue is never touched).

The .po file is read by the small parser below: no third-party package is needed.
"""

import ast
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"

# The directories `makemessages` is told to skip (the README's command), plus the catalogue.
IGNORED = [".venv", "node_modules", "staticfiles", "tests"]

# A printf-style placeholder: %s, %d, %(name)s, %(n)d ... ("%%" is a literal per cent sign).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def describe(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        return f"line {self.line}: {self.msgid!r}{context}"


def parse_po(text: str) -> list[Entry]:
    """Entries of a gettext catalogue, the header (msgid "") included, obsolete ones marked."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None  # the field that continuation lines extend

    def finish():
        nonlocal current, target
        if current is not None and current.msgid is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # a previous msgid of an obsolete entry
                continue
        if not line:
            finish()
            continue
        if line.startswith("#"):
            # A comment after a message starts the next entry.
            if current is not None and current.msgstr:
                finish()
            if current is None:
                current = Entry(line=number)
            if line.startswith("#,"):
                current.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"line {number}: a string outside any field")
            value = ast.literal_eval(line)
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        value = ast.literal_eval(rest.strip())
        if keyword in ("msgctxt", "msgid") and current is not None and current.msgstr:
            finish()
        if current is None:
            current = Entry(line=number)
        current.obsolete = current.obsolete or obsolete
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            setattr(current, keyword, value)
            target = (keyword, None)
        elif keyword == "msgstr":
            current.msgstr[0] = value
            target = ("msgstr", 0)
        elif match := re.fullmatch(r"msgstr\[(\d+)\]", keyword):
            index = int(match.group(1))
            current.msgstr[index] = value
            target = ("msgstr", index)
        else:
            raise ValueError(f"line {number}: unknown keyword {keyword!r}")
    finish()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = next(e for e in entries if e.msgid == "" and not e.msgctxt)
    pairs = (item.partition(":") for item in header.msgstr[0].splitlines() if item)
    return {name.strip(): value.strip() for name, _, value in pairs}


def messages(entries: list[Entry]) -> list[Entry]:
    """The catalogue's live messages: neither the header nor obsolete entries."""
    return [e for e in entries if e.msgid and not e.obsolete]


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return parse_po(CATALOGUE.read_text(encoding="utf-8"))


def test_header_declares_simplified_chinese(catalogue):
    header = next(e for e in catalogue if e.msgid == "")
    fields = header_fields(catalogue)
    assert "fuzzy" not in header.flags, "the header is still marked fuzzy"
    assert fields["Language"] == "zh_Hans"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "PACKAGE" not in fields["Project-Id-Version"]


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    live = messages(catalogue)
    assert len(live) > 100, "the catalogue looks empty: was it parsed?"
    problems = []
    for entry in live:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.describe()}")
        # Chinese has one plural form: a plural entry has exactly msgstr[0], filled in.
        if entry.msgid_plural is not None and sorted(entry.msgstr) != [0]:
            problems.append(f"needs exactly msgstr[0]: {entry.describe()}")
        if not entry.msgstr or not all(entry.msgstr.values()):
            problems.append(f"untranslated: {entry.describe()}")
    assert not problems, "zh_Hans catalogue:\n" + "\n".join(problems)


def test_translations_keep_every_placeholder(catalogue):
    problems = []
    for entry in messages(catalogue):
        # Chinese's one plural form stands for every count, so it follows msgid_plural.
        expected = Counter(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in entry.msgstr.values():
            found = Counter(PLACEHOLDER.findall(text))
            if text and found != expected:
                problems.append(
                    f"placeholders {sorted(expected)} became {sorted(found)}: {entry.describe()}"
                )
    assert not problems, "zh_Hans catalogue:\n" + "\n".join(problems)


def _copy_ignore(directory: str, names: list[str]) -> set[str]:
    skipped = set(IGNORED) | {"locale", "__pycache__"}
    return {n for n in names if n in skipped or n.startswith(".") or n.startswith("db.sqlite3")}


def test_catalogue_holds_every_string_marked_for_translation(catalogue, tmp_path):
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext is not installed (the Makefile's `make messages` needs it too)")
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=_copy_ignore, symlinks=True)
    command = [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--keep-pot", "-v0"]
    command += [f"--ignore={name}" for name in IGNORED]
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "crisiskb.settings"}
    run = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"makemessages failed:\n{run.stdout}\n{run.stderr}"
    extracted = parse_po((copy / "locale" / "django.pot").read_text(encoding="utf-8"))
    committed = {e.key for e in messages(catalogue)}
    missing = [repr(e.msgid) for e in messages(extracted) if e.key not in committed]
    assert not missing, (
        "strings marked for translation but missing from the zh_Hans catalogue (run "
        "`manage.py makemessages -l zh_Hans ...` and translate them):\n" + "\n".join(missing)
    )
