"""Print rows as an aligned table, JSON or CSV (one option bundle for every command)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from .text import clean_text

FORMATS = ("table", "json", "csv")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return clean_text(str(value))


def format_rows(columns: Sequence[str], rows: Sequence[Sequence], fmt: str = "table") -> str:
    """Rows as ``table`` (aligned, for people), ``json`` (list of objects) or ``csv``.

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
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}")
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)
