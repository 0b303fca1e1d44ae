"""Print rows as an aligned table, JSON, CSV or TSV (one option bundle for every command).

Values can come from untrusted documents. ``table`` output is for a terminal: ANSI escape
sequences are removed, other control characters (C0, C1, bidi overrides) dropped, tabs and line
breaks become spaces. ``json`` and ``csv`` keep values as they are and escape them by their own
rules; ``tsv`` writes ``\t``, ``\n``, ``\r`` and ``\\`` for tab, line feed, carriage return and
backslash, so that every row is one line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence

from .text import clean_text

FORMATS = ("table", "json", "csv", "tsv")

#: ANSI/ECMA-48 escape sequences: CSI (ESC [ or 0x9b ... final byte), OSC/DCS/APC/PM/SOS strings
#: (up to BEL or ST), and two-character ESC sequences.
_ANSI = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]P_^X]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[ -/]*[0-~]",
    re.DOTALL,
)
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def terminal_safe(text: str) -> str:
    r"""``text`` for one table cell: escape sequences and control characters removed.

    >>> terminal_safe("a\x1b[31mred\x1b[0m\tand\nbold\x1b]0;title\x07!")
    'ared and bold!'
    """
    return clean_text(_ANSI.sub("", text))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def _cell(value) -> str:
    return terminal_safe(_text(value))


def _tsv(value) -> str:
    return re.sub(r"[\\\t\n\r]", lambda m: _TSV_ESCAPES[m.group()], _text(value))


def format_rows(columns: Sequence[str], rows: Sequence[Sequence], fmt: str = "table") -> str:
    """Rows as ``table`` (aligned, for people), ``json`` (list of objects), ``csv`` or ``tsv``.

    >>> print(format_rows(["name", "n"], [["Ana", 2], ["Bo", 10]]))
    name  n
    ----  --
    Ana   2
    Bo    10
    """
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_text(v) for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    if fmt == "tsv":
        return "\n".join("\t".join(_tsv(v) for v in row) for row in [list(columns), *rows])
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)
