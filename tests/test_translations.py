"""The zh_CN catalogue covers every user-visible string in src/, completely and correctly.

Messages are found exactly as `pybabel extract` finds them (babel.cfg's method map, the keywords
below); when a test here fails, its message lists the msgids to deal with, and
resources/translations/README.md has the commands that bring the catalogue up to date.
"""

from __future__ import annotations

import ast
import gettext
import re
import string
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.util import pathmatch

try:
    from babel.messages.frontend import parse_mapping_cfg
except ImportError:  # Babel < 2.15 names it parse_mapping
    from babel.messages.frontend import parse_mapping as parse_mapping_cfg

REPO = Path(__file__).resolve().parents[1]
BABEL_CFG = REPO / "babel.cfg"
PO_FILE = REPO / "resources" / "translations" / "zh_CN" / "LC_MESSAGES" / "volunteer_desk.po"
# The keywords of volunteer_desk.i18n, as passed to `pybabel extract` (-k _ -k N_ -k ngettext:1,2).
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
HOW_TO_FIX = (
    "Run the update commands in resources/translations/README.md, then translate these in\n  "
    f"{PO_FILE.relative_to(REPO)}"
)


# ---------------------------------------------------------------- helpers


def _key(message) -> str:
    """The msgid a catalogue is keyed by: the singular for ngettext."""
    return message if isinstance(message, str) else message[0]


@cache
def _method_map() -> tuple[list[tuple[str, str]], dict]:
    with BABEL_CFG.open(encoding="utf-8") as cfg:
        return parse_mapping_cfg(cfg)


@cache
def _extracted() -> dict[tuple[str, str | None], tuple[object, list[str]]]:
    """{(msgid, context): (message as extracted, ["file:line", ...])} for everything in src/."""
    method_map, options_map = _method_map()
    found: dict[tuple[str, str | None], tuple[object, list[str]]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(REPO), method_map, options_map, keywords=KEYWORDS
    ):
        if not _key(message):
            continue
        entry = found.setdefault((_key(message), context), (message, []))
        entry[1].append(f"{filename}:{lineno}")
    return found


@cache
def _catalogue() -> Catalog:
    with PO_FILE.open("rb") as po:
        return read_po(po, locale="zh_CN", domain="volunteer_desk")


def _entries():
    """The catalogue's messages, without the header."""
    return [m for m in _catalogue() if m.id]


def _is_translated(message) -> bool:
    forms = message.string if isinstance(message.string, (tuple, list)) else [message.string]
    return bool(forms) and all(forms)


def _show(message) -> str:
    return repr(message.id if isinstance(message.id, str) else message.id[0])


def _report(title: str, lines: list[str], hint: str = HOW_TO_FIX) -> str:
    return f"{title} ({len(lines)}):\n" + "\n".join(f"  {line}" for line in lines) + f"\n{hint}"


def _placeholders(text: str) -> tuple[bool, list[str]]:
    """(parses as a str.format template, sorted replacement fields such as '{name}' or '{n:>3}')."""
    try:
        fields = [
            "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            for _literal, name, spec, conversion in string.Formatter().parse(text)
            if name is not None
        ]
        return True, sorted(fields)
    except ValueError:
        return False, sorted(re.findall(r"\{[^{}]*\}", text))


def _pairs(message):
    """(English, translation) pairs to compare; with one Chinese plural form, it answers to the English plural."""
    if isinstance(message.id, str):
        return [(message.id, message.string)]
    return [(message.id[0 if i == 0 and len(message.string) > 1 else 1], s) for i, s in enumerate(message.string)]


_ACCELERATOR = re.compile(r"(?<!&)&(?!&)\S")
_SHORTCUT = re.compile(r"\b(?:Ctrl|Alt|Shift)\+\S+?(?=[)）\s]|$)")


# ---------------------------------------------------------------- tests


def test_the_extraction_finds_the_program_strings():
    """Guards the guard: a babel.cfg or keyword mistake would otherwise make every test below pass vacuously."""
    assert len(_extracted()) > 50, f"only {len(_extracted())} msgids extracted from src/ with {BABEL_CFG.name}"
    assert ("Roster", None) in _extracted()


def test_every_source_string_is_in_the_catalogue():
    missing = [
        f"{msgid!r}  ({', '.join(places)})"
        for (msgid, context), (_message, places) in sorted(_extracted().items())
        if _catalogue().get(msgid, context) is None
    ]
    assert not missing, _report("Strings in src/ that are not in the zh_CN catalogue yet", missing)


def test_babel_sees_every_gettext_call():
    """A `_("…")` inside an f-string is invisible to Babel on Python < 3.12, so it is never translated."""
    method_map, _options = _method_map()
    patterns = [pattern for pattern, method in method_map if method == "python"]
    seen = {msgid for msgid, _context in _extracted()}
    hidden = []
    for path in sorted(REPO.glob("src/**/*.py")):
        relative = path.relative_to(REPO).as_posix()
        if not any(pathmatch(pattern, relative) for pattern in patterns):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=relative)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in KEYWORDS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value
                and node.args[0].value not in seen
            ):
                hidden.append(f"{node.args[0].value!r}  ({relative}:{node.lineno})")
    assert not hidden, _report(
        "gettext calls that pybabel extract cannot see (e.g. inside an f-string)",
        hidden,
        "Move the _(...) call out of the f-string into a variable, then run the update commands.",
    )


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalogue = _catalogue()
    assert not catalogue.fuzzy, "The .po header is marked fuzzy: pybabel compile would skip the whole catalogue."
    untranslated = [_show(m) for m in _entries() if not _is_translated(m)]
    fuzzy = [_show(m) for m in _entries() if m.fuzzy]
    problems = [f"untranslated: {s}" for s in untranslated] + [
        f"fuzzy (check the translation, then delete the '#, fuzzy' line): {s}" for s in fuzzy
    ]
    assert not problems, _report("zh_CN entries that need a translator", problems)


def test_no_obsolete_entries():
    live = set(_extracted())
    stale = [f"{_show(m)} (no longer in src/)" for m in _entries() if (_key(m.id), m.context) not in live]
    obsolete = [f"{_show(m)} (#~ obsolete entry)" for m in _catalogue().obsolete.values()]
    assert not stale + obsolete, _report(
        "zh_CN entries whose English is no longer used by the program", stale + obsolete,
        "Run the update commands in resources/translations/README.md (pybabel update --ignore-obsolete drops them).",
    )


def test_placeholders_and_line_breaks_match_the_english():
    wrong = []
    for message in _entries():
        if not _is_translated(message):
            continue  # reported by test_every_entry_is_translated_and_none_is_fuzzy
        for english, chinese in _pairs(message):
            english_ok, expected = _placeholders(english)
            chinese_ok, actual = _placeholders(chinese)
            if english_ok and not chinese_ok:
                wrong.append(f"{_show(message)}: the translation has a stray {{ or }}: {chinese!r}")
            elif expected != actual:
                wrong.append(f"{_show(message)}: needs {expected or 'no placeholders'}, has {actual or 'none'}")
            breaks, has = english.count("\n"), chinese.count("\n")
            if breaks != has:
                wrong.append(f"{_show(message)}: needs {breaks} line break(s) (\\n), has {has}")
    assert not wrong, _report(
        "zh_CN translations whose {placeholders} or line breaks differ from the English", wrong,
        "Copy every {placeholder} exactly as in the msgid (the program fills them with .format()).",
    )


def test_keyboard_accelerators_and_shortcuts_are_kept():
    wrong = []
    for message in _entries():
        if not _is_translated(message):
            continue
        for english, chinese in _pairs(message):
            if _ACCELERATOR.search(english) and len(_ACCELERATOR.findall(chinese)) != 1:
                wrong.append(f"{_show(message)}: needs one accelerator like 文件(&F), has {chinese!r}")
            for shortcut in _SHORTCUT.findall(english):
                if shortcut not in chinese:
                    wrong.append(f"{_show(message)}: must mention {shortcut}, has {chinese!r}")
    assert not wrong, _report(
        "zh_CN translations that lost a keyboard accelerator or shortcut", wrong,
        "Keep one &-accelerator in menu texts (&File -> 文件(&F)) and every Ctrl+… the English names.",
    )


def test_the_compiled_catalogue_speaks_chinese(tmp_path):
    mo_file = tmp_path / "volunteer_desk.mo"
    with mo_file.open("wb") as mo:
        write_mo(mo, _catalogue())
    with mo_file.open("rb") as mo:
        translations = gettext.GNUTranslations(mo)
    assert translations.gettext("Roster") == "名册"
    assert translations.gettext("Recycle list") == "回收站"
    lost = [
        _show(m) for m in _entries()
        if isinstance(m.id, str) and m.string and not m.fuzzy and translations.gettext(m.id) != m.string
    ]
    assert not lost, _report("Entries that do not survive compiling to .mo", lost)
    # Chinese has one plural form: ngettext must pick it for every n.
    assert [translations.plural(n) for n in (0, 1, 2, 11)] == [0, 0, 0, 0]
