"""Lines, sentences and boilerplate.

Web pages saved as text carry navigation, banners, share buttons, "was this page helpful"
prompts, related-article lists and footers. ``boilerplate_spans`` recognises them from generic
cues (no site-specific rules), and the ``diplokg_boilerplate`` component marks the sentences
that lie in them so that no fact is mined from them.
"""

from __future__ import annotations

import re

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .tokentable import span_text, token_table

#: Lines that are boilerplate on their own, whatever site they come from.
BOILERPLATE_LINE = re.compile(
    r"""(?ix)
    ^\s*(?:
        (?:share|print|email|tweet|facebook|twitter|linkedin|whatsapp|reddit)\b[\s:»]*$
      | .*\bskip\ to\ (?:main\ )?content\b.*
      | .*\bwas\ this\ page\ helpful\b.* | .*\bthis\ page\ was\ (?:not\ )?helpful\b.*
      | last\ (?:updated|modified|reviewed)\b.*
      | .*\bofficial\ websites?\b.* | .*\.gov\ website.* | .*\bsecure\ \.gov\b.*
      | .*\bsafely\ connect\ using\ https\b.* | .*https?://.*
      | breadcrumb | archived\ content | .*\barchive\ contains\ outdated\b.*
      | .*\bcookies?\b.* | privacy\ policy | accessibility(?:\ statement)? | copyright.*
      | .*\ball\ rights\ reserved\b.* | subscribe.* | sign\ up.* | .*\bnewsletter\b.*
      | follow\ us.* | .*\bclick\ here\b.* | originally\ published\b.*
      | (?:tags?|topics|keywords|categories)\s*:.* | no\ tags\ to\ display | comments?\s*:?
      | (?:for\ (?:more|further)\ information|to\ learn\ more|learn\ more|more\ information|visit|see)\b
        .*\bwww\.[a-z0-9-]+\.[a-z]{2,}.*
      | (?:for\ (?:more|further|additional)\ information|to\ learn\ more|for\ (?:media|press)\ (?:inquiries|enquiries))\b
        .*\b(?:contact|call|e-?mail|write\ to|visit|see|go\ to|follow)\b.*
      | (?:media|press|public\ affairs)\ (?:contacts?|inquiries|enquiries|office)\s*:.*
      | (?:contact|e-?mail|phone|tel|telephone|fax)\s*:.* | \S*\bwww\.[a-z0-9-]+\.[a-z]{2,}\S*
      | [\w.+-]+@[\w-]+\.[\w.]+ | -\s*30\s*- | -?\s*(?:end|ends)\s*-?
      | translate\b.* | .*\bd[ée]janos\ tu\ opini[óo]n\b.* | leave\ (?:a\ |your\ )?(?:comment|reply).*
      | contact\ us | foia | no\ fear\ act | website\ feedback | usa\.gov | site\ map
      | home | \#\#\#+ | release\ date\s*:.* | press\ release | government\ website
      | u\.s\.\ flag | read\ more.* | back\ to\ top | menu | search
      | (?:\d+\.\s+)?(?:home|about\ us|site\ links|news\ archive|archived|news|newsroom|press\ releases)
      | [—–-]\s*[a-z]+\ \d{1,2},\ \d{4}
    )\s*$
    """
)
#: A line that opens a list of other articles: everything after it is boilerplate.
TAIL_OPENER = re.compile(
    r"(?i)^\s*(?:related\s+(?:articles?|news|content|stories|posts|links|releases)|"
    r"more\s+(?:from|news|stories)\b.*|recent\s+(?:news|posts|articles)|see\s+also|"
    r"you\s+may\s+also\s+like|read\s+next|most\s+popular)\s*:?\s*$"
)
NUMBERED_ITEM = re.compile(r"^\s*\d+\.\s+\S.{0,120}$")
SHORT_LINE_WORDS = 6
_TERMINAL = ('.', '!', '?', '"', '”', '’', "'", ';')


def _is_short(line: str) -> bool:
    stripped = line.strip()
    return len(stripped.split()) <= SHORT_LINE_WORDS and not stripped.endswith(_TERMINAL)


LIST_HEADER_LINE = re.compile(r"^\s*[^\W\d][^:]{1,60}:\s*$")
LIST_ITEM_LINE = re.compile(r"^\s*[-•*–·▪]\s+[^\W\d][^,]{2,60},\s*\S")


def _participant_lists(lines: list[str]) -> list[bool]:
    """Which lines belong to a header ending with a colon followed by two or more bullet items of
    the shape "Name, Title" (an annex listing each side's participants)."""
    listed = [False] * len(lines)
    for i, line in enumerate(lines):
        if not LIST_HEADER_LINE.match(line) or len(line.split()) > 8:
            continue
        j = i + 1
        while j < len(lines) and LIST_ITEM_LINE.match(lines[j]):
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                listed[k] = True
    return listed


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the boilerplate lines of ``text``.

    A line is boilerplate when it matches a generic boilerplate cue, when it follows a
    "Related articles"-style opener, when it is a numbered menu item, or when it is a short line
    (no sentence punctuation) in a run of three or more such lines, or in the runs of short lines
    that open or close the document.

    >>> text = "Share\\n\\nThe ministers met in Lima.\\n\\nRelated Articles\\n\\nOther story"
    >>> [text[s:e] for s, e in boilerplate_spans(text)]
    ['Share', 'Related Articles', 'Other story']
    """
    lines: list[tuple[int, int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((offset, offset + len(raw), raw))
        offset += len(raw) + 1
    flags = [False] * len(lines)
    tail = False
    for i, (_, _, line) in enumerate(lines):
        if tail or TAIL_OPENER.match(line):
            tail = True
            flags[i] = True
        elif BOILERPLATE_LINE.match(line):
            flags[i] = True
        elif NUMBERED_ITEM.match(line) and not line.rstrip().endswith(_TERMINAL):
            # a menu or breadcrumb item: short, or continuing a boilerplate list
            flags[i] = _is_short(line) or (i > 0 and flags[i - 1])
    # a side header and its "Name, Title" items ("For Mexico:" / "- Ana Ruiz, Secretary of ...")
    # are a list of participants, not a menu
    listed = _participant_lists([line for _, _, line in lines])
    # runs of short lines: three or more in a row, or at the very start or end of the page
    i = 0
    while i < len(lines):
        if listed[i] and not flags[i]:
            i += 1
            continue
        if not _is_short(lines[i][2]) and not flags[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and not (listed[j] and not flags[j]) and (_is_short(lines[j][2]) or flags[j]):
            j += 1
        if j - i >= 3 or j == len(lines) or (i == 0 and j - i >= 2):
            for k in range(i, j):
                flags[k] = True
        i = j
    return [(start, end) for (start, end, _), flag in zip(lines, flags) if flag]


SENTENCE_END = {".", "!", "?", "…", "\"", "”", "’", "'", ":", ";", ")"}
#: Abbreviated titles before a name ("Amb. Ortiz", "Lt. Gen. Hale", "A/S Ruiz"): the tokenizer
#: keeps each one a token (``pipeline.add_rule_components``) and no sentence starts after it.
TITLE_ABBREVIATIONS = frozenset(
    """
    Amb. Sec. Gen. Lt. Col. Capt. Cmdr. Cdr. Adm. Sgt. Gov. Rep. Dir. Pres. Atty. Supt. Insp.
    Brig. Maj. Asst. Dep. Dept. Amb Sec Lt Col Capt Cmdr Adm Sgt Asst Dep A/S U/S D/S
    Mtro. Mtra. Lic. Dra. Gral. Ing. Almte.
    """.split()
)


def _set_line_starts(doc: Doc) -> Doc:
    """A line break starts a sentence; elsewhere a sentence may only start after sentence
    punctuation (so that the parser cannot split "Mexico | City")."""
    if len(doc) < 2:
        return doc
    words = token_table(doc).texts
    starts = doc.to_array([SENT_START]).astype("int64")  # 1 start, -1 not a start, 0 unknown
    for i in range(1, len(words)):
        previous = words[i - 1]
        if "\n" in previous:
            starts[i] = 1
        elif (not previous.isspace() and previous not in SENTENCE_END and not previous.endswith(".")) or (
                previous in TITLE_ABBREVIATIONS and words[i][:1].isupper()):
            starts[i] = -1  # "Amb. | Ortiz" is one sentence
    doc.from_array([SENT_START], starts.astype("uint64"))  # at once: per-token setters are slow
    return doc


@Language.component("diplokg_lines", assigns=["token.is_sent_start"])
def lines_component(doc: Doc) -> Doc:
    """A line break always ends a sentence (headings, list items, datelines); a sentence
    never starts after a word that ends no sentence."""
    return _set_line_starts(doc)


if not Doc.has_extension("boilerplate"):
    Doc.set_extension("boilerplate", default=None)
if not Span.has_extension("is_boilerplate"):
    Span.set_extension(
        "is_boilerplate",
        getter=lambda span: any(
            s <= span.start_char < e for s, e in (span.doc._.boilerplate or ())
        ),
    )


@Language.component(
    "diplokg_boilerplate", assigns=["doc._.boilerplate"], requires=["token.is_sent_start"]
)
def boilerplate_component(doc: Doc) -> Doc:
    """Mark boilerplate lines: ``doc._.boilerplate`` is a list of character spans and
    ``span._.is_boilerplate`` tells whether a sentence starts inside one."""
    doc._.boilerplate = boilerplate_spans(token_table(doc).text)
    return doc


def content_sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc`` that are not boilerplate and not blank."""
    return [s for s in doc.sents if span_text(s).strip() and not s._.is_boilerplate]
