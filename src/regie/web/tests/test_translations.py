"""The interface is Dutch by default and English on request, and the Dutch catalogue is complete
and in step with the source: every message marked for translation has a Dutch text."""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext, override

from regie.conftest import People

SOURCE_ROOT = Path(settings.BASE_DIR)
CATALOGUE = SOURCE_ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
# An app may keep its own catalogue in <app>/locale (makemessages files its messages there, so
# apps built side by side do not edit one file); the checks hold for every catalogue.
CATALOGUES = sorted(SOURCE_ROOT.glob("**/locale/nl/LC_MESSAGES/django.po"))
# The same command line the developer guide gives for regenerating the catalogue.
MAKEMESSAGES = ["makemessages", "-l", "nl", "--no-obsolete", "-v", "0"]
MAKEMESSAGES += ["--ignore", "testing/*", "--ignore", "*/tests/*"]
WELCOME = "Welcome to Regie of %(regie_municipality)s"
WRONG_PASSWORD = "The user name or password is incorrect."


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+"(.*)"$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[#0 +\-]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z%]")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header first; obsolete (`#~`) entries are left out."""
    entries = []
    for block in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8")):
        fields: dict[str, str] = {}
        msgstr: dict[int, str] = {}
        flags: set[str] = set()
        current: tuple[str, int] | None = None
        for line in block.splitlines():
            keyword = _KEYWORD.match(line)
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif keyword:
                name, index, text = keyword.groups()
                current = (name, int(index or 0))
                if name == "msgstr":
                    msgstr[current[1]] = _unescape(text)
                else:
                    fields[name] = _unescape(text)
            elif line.startswith('"') and current is not None:
                name, index = current
                if name == "msgstr":
                    msgstr[index] += _unescape(line[1:-1])
                else:
                    fields[name] += _unescape(line[1:-1])
        if "msgid" in fields:
            entries.append(
                Entry(
                    msgid=fields["msgid"],
                    msgid_plural=fields.get("msgid_plural"),
                    msgctxt=fields.get("msgctxt"),
                    msgstr=msgstr,
                    flags=flags,
                )
            )
    return entries


def _placeholders(text: str) -> tuple[set[str], Counter[str]]:
    """Named placeholders as a set (order and repetition are free) and positional ones counted."""
    tokens = [m.group(0) for m in _PLACEHOLDER.finditer(text) if m.group(0) != "%%"]
    named = {token for token in tokens if token.startswith("%(")}
    return named, Counter(token for token in tokens if not token.startswith("%("))


def _messages(entries: list[Entry]) -> set[tuple[str | None, str, str | None]]:
    return {entry.key for entry in entries if entry.msgid}


def _h1(body: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL)
    assert match, "the page has no <h1>"
    return match.group(1).strip()


def _welcome(language: str) -> str:
    with override(language):
        return escape(gettext(WELCOME) % {"regie_municipality": settings.REGIE_MUNICIPALITY})


def _name(catalogue: Path, root: Path = SOURCE_ROOT) -> str:
    """The folder a catalogue belongs to, relative to ROOT: "." for the project's own."""
    return str(catalogue.relative_to(root).parents[3])


each_catalogue = pytest.mark.parametrize("catalogue", CATALOGUES, ids=_name)


def test_it_has_the_project_catalogue():
    assert CATALOGUE in CATALOGUES


@each_catalogue
def test_it_has_a_dutch_header_with_two_plural_forms(catalogue: Path):
    header = parse_po(catalogue)[0]
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    lines = header.msgstr[0].splitlines()
    assert "Language: nl" in lines
    assert "Content-Type: text/plain; charset=UTF-8" in lines
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in lines


@each_catalogue
def test_it_translates_every_message_of_the_catalogue(catalogue: Path):
    entries = parse_po(catalogue)[1:]
    assert entries, "the Dutch catalogue has no messages"
    assert "#~" not in catalogue.read_text(encoding="utf-8"), "obsolete entries are left in"
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert fuzzy == [], "entries still marked fuzzy"
    untranslated = [
        entry.msgid
        for entry in entries
        if set(entry.msgstr) != ({0, 1} if entry.msgid_plural else {0})
        or not all(text.strip() for text in entry.msgstr.values())
    ]
    assert untranslated == [], "entries without a (complete) Dutch text"


@each_catalogue
def test_it_keeps_every_placeholder_in_the_dutch_text(catalogue: Path):
    broken = []
    for entry in parse_po(catalogue)[1:]:
        if "python-format" not in entry.flags and "%(" not in entry.msgid:
            continue
        for form, text in entry.msgstr.items():
            source = entry.msgid_plural if form > 0 and entry.msgid_plural else entry.msgid
            if _placeholders(text) != _placeholders(source):
                broken.append((entry.msgid, form, text))
    assert broken == [], "Dutch texts that lose or add a placeholder"


def test_it_gives_each_message_one_dutch_text_across_the_catalogues():
    # Django merges every catalogue into one, so a message two catalogues translate differently
    # shows one app's wording in the other; where the meaning differs, the message needs a
    # context (pgettext, `translate ... context`) of its own.
    texts: dict[tuple[str | None, str, str | None], dict[str, dict[int, str]]] = {}
    for catalogue in CATALOGUES:
        for entry in parse_po(catalogue)[1:]:
            texts.setdefault(entry.key, {})[_name(catalogue)] = entry.msgstr
    clashes = {
        key: by_catalogue
        for key, by_catalogue in texts.items()
        if len({tuple(sorted(msgstr.items())) for msgstr in by_catalogue.values()}) > 1
    }
    assert clashes == {}, "messages with different Dutch texts in different catalogues"


def test_it_has_a_catalogue_in_step_with_the_source(tmp_path: Path):
    copy = tmp_path / "regie"
    shutil.copytree(
        SOURCE_ROOT,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "static", "tests", "testing", "*.mo"),
    )
    # Settings whose only locale directory is the copy's, so nothing in the working tree is
    # written to, whatever makemessages decides.
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    (settings_dir / "catalogue_check_settings.py").write_text(
        f"from regie.settings import *  # noqa: F403\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    python_path = [str(settings_dir), *filter(None, [os.environ.get("PYTHONPATH")])]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "catalogue_check_settings",
        "PYTHONPATH": os.pathsep.join(python_path),
    }
    regie = Path(sys.executable).parent / "regie"
    result = subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
        [str(regie), *MAKEMESSAGES],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    regenerated = {
        _name(path, copy): _messages(parse_po(path))
        for path in copy.glob("**/locale/nl/LC_MESSAGES/django.po")
    }
    committed = {_name(path): _messages(parse_po(path)) for path in CATALOGUES}
    assert sorted(regenerated) == sorted(committed), "catalogues made or missing"
    for name, messages in committed.items():
        new = sorted(regenerated[name] - messages, key=str)
        gone = sorted(messages - regenerated[name], key=str)
        assert new == [], f"marked in the source, not in {name}'s .po"
        assert gone == [], f"in {name}'s .po, gone from the source"


@pytest.mark.django_db
def test_it_shows_the_start_page_in_dutch_by_default(client: Client):
    response = client.get("/")

    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert _h1(body) == _welcome("nl")
    assert _welcome("nl") != _welcome("en"), "the Dutch catalogue is not compiled (.mo missing?)"


@pytest.mark.django_db
def test_it_switches_to_english_with_the_language_switch(client: Client):
    switched = client.post("/taal/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/"

    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert _h1(body) == _welcome("en")

    client.post("/taal/", {"language": "nl", "next": "/"})
    assert _h1(client.get("/").content.decode()) == _welcome("nl")


@pytest.mark.django_db
def test_it_speaks_english_to_a_browser_that_asks_for_it(client: Client):
    body = client.get("/", headers={"accept-language": "en"}).content.decode()

    assert '<html lang="en">' in body
    assert _h1(body) == _welcome("en")


def test_it_shows_a_form_error_in_dutch(client: Client, people: People):
    with override("nl"):
        dutch = gettext(WRONG_PASSWORD)
    assert dutch != WRONG_PASSWORD, "the message has no Dutch text"

    response = client.post(
        "/medewerker/inloggen/", {"username": "consulent", "password": "not-the-password"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert escape(dutch) in body
    assert escape(WRONG_PASSWORD) not in body
