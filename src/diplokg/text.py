"""Small text helpers shared by extraction, resolution and output: folding, slugs, cleaning."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

#: Words that are titles or honorifics, dropped when comparing person names.
TITLE_WORDS = frozenset(
    """
    secretary president elect vice deputy acting assistant under undersecretary minister
    foreign dr mr mrs ms general attorney advisor adviser ambassador senator governor
    director chief commissioner first lady gen adm admiral representative congressman
    congresswoman mayor prime chancellor sir dame hon honorable
    amb sec lt col capt cmdr sgt supt insp asst brig lieutenant colonel captain commander sergeant
    brigadier professor
    """.split()
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e]")
#: Everything that can move the cursor, recolour the terminal or reorder text (incl. tab and newline).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


@lru_cache(maxsize=1 << 16)  # called for the same names and phrases again and again
def fold(text: str) -> str:
    """Accent-folded, lower-cased text with single spaces.

    >>> fold("  Andrés  LÓPEZ ")
    'andres lopez'
    """
    return " ".join(unidecode(text).lower().split())


@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """The tokens that identify a person's name: folded, no punctuation, titles, or initials.

    >>> name_tokens("Secretary Kirstjen M. Nielsen")
    ('kirstjen', 'nielsen')
    >>> name_tokens("Dr. Elizabeth Sherwood-Randall")
    ('elizabeth', 'sherwood', 'randall')
    """
    words = re.split(r"[^a-z0-9']+", fold(name).replace("'s ", " "))
    return tuple(w for w in words if w and len(w) > 1 and w not in TITLE_WORDS)


def slug(text: str) -> str:
    """An IRI-safe slug: ASCII, lower case, hyphens.

    >>> slug("Andrés Manuel López Obrador")
    'andres-manuel-lopez-obrador'
    """
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "x"


def clean_text(text: str) -> str:
    """Text safe to print on a terminal or store as a literal: control characters removed,
    whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(_CONTROL.sub("", text).split())


def printable(text: str) -> str:
    r"""``text`` safe to print on one terminal line: control, bidi and line-break characters (and
    lone surrogates, which cannot be encoded) are shown as escapes (``\x1b``, ``\x0a``, ``\u202e``) instead of acting on the terminal.

    >>> printable("a\x1b[31mb\nc.txt")
    'a\\x1b[31mb\\x0ac.txt'
    """
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)


def accent_score(text: str) -> int:
    """How many non-ASCII letters ``text`` has (a canonical name keeps its accents)."""
    return sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
