"""gettext for the whole program: English msgids, zh_CN by default whatever the system locale.

`_` translates now; `N_` only marks a string for extraction, to be translated where it is shown.
"""

from __future__ import annotations

import gettext as _gettext

from volunteer_desk import paths

DOMAIN = "volunteer_desk"
DEFAULT_LANGUAGE = "zh_CN"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def install(language: str = DEFAULT_LANGUAGE) -> str:
    """Load the catalogue for `language`; returns the language actually in use."""
    global _translation
    try:
        _translation = _gettext.translation(DOMAIN, localedir=paths.locale_dir(), languages=[language])
    except OSError:
        _translation = _gettext.NullTranslations()
        return "en"
    return language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message


install()
