"""Actor mentions: persons (with title and country), countries, cities, organisations.

Three sources are combined, most trusted first: the gazetteer (known names and aliases), a
title rule ("Deputy Attorney General Lisa O. Monaco", "his Mexican counterpart, Olga Sánchez
Cordero"), and the statistical NER. Surname-only mentions ("Secretary Nielsen", "Lopez Obrador")
are linked to a full name of the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..ontology import Ontology, load_ontology
from ..text import fold, name_tokens

#: Words that head a title or role ("Secretary", "president", "counterpart").
TITLE_HEADS = frozenset(
    """
    secretary secretaries minister president vice-president ambassador advisor adviser general
    director commissioner governor senator dr. dr mr. mrs. ms. mr mrs ms chancellor
    administrator coordinator counselor undersecretary counterpart lady chief envoy
    representative congressman congresswoman mayor king queen premier attorney spokesperson
    head chair chairman chairwoman prosecutor candidate leader official
    """.split()
)
#: Capitalised words that belong to titles and institutions, never to a person's name.
TITLE_LEXICON = TITLE_HEADS | frozenset(
    """
    vice deputy acting assistant under homeland security state treasury governance interior
    foreign affairs management resources national public defense defence justice commerce
    economy health relations exterior navy army finance energy labor agriculture education
    citizen protection safety home office department government council staff special
    elect first western hemisphere migration border customs immigration enforcement patrol
    federal administration bureau division united states kingdom republic mexican american
    then former senior high level principal executive permanent institute agency service
    the of for and on in to at
    """.split()
)
NAME_CONNECTORS = frozenset({"de", "la", "del", "y", "van", "von", "da", "dos", "di", "le"})
RUN_CONNECTORS = frozenset({"of", "for", "and", "the", "on"}) | NAME_CONNECTORS
BACKGROUND_CUES = re.compile(r"(?i)\b(then-|former\b|late\b|ex-)")


@dataclass(frozen=True)
class ActorMention:
    """One mention of an actor in a document (token offsets into the ``Doc``)."""

    start: int
    end: int
    kind: str  # person, country, city, org, group
    text: str
    key: str | None = None  # gazetteer IRI when known
    title: str | None = None
    country: str | None = None  # gazetteer IRI of the country the person acts for
    source: str = "gazetteer"  # gazetteer, title, ner, surname
    background: bool = False  # "then-candidate", "former"
    demonym: bool = False  # "Mexican" rather than "Mexico"
    full_name: str | None = None  # for a surname mention: the full name it stands for

    @property
    def name(self) -> str:
        return self.text


def _is_initial(token: Token) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.", token.text))


def _is_cap(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper()) and any(c.isalpha() for c in text)


def _name_like(token: Token) -> bool:
    return (_is_cap(token) or _is_initial(token)) and fold(token.text).strip(".") not in TITLE_LEXICON


def capitalised_runs(sent: Span) -> list[tuple[int, int]]:
    """Token ranges of runs of capitalised words (with inner connectors and hyphens)."""
    runs: list[tuple[int, int]] = []
    i, end = sent.start, sent.end
    doc = sent.doc
    while i < end:
        if not (_is_cap(doc[i]) or _is_initial(doc[i])):
            i += 1
            continue
        j = i + 1
        while j < end:
            tok = doc[j]
            if _is_cap(tok) or _is_initial(tok):
                j += 1
            elif (
                tok.text in {"-", "–"} or tok.lower_ in RUN_CONNECTORS or tok.lower_ == "elect"
            ) and j + 1 < end and (_is_cap(doc[j + 1]) or doc[j + 1].lower_ in {"elect", "the"}):
                j += 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def name_segments(sent: Span) -> list[tuple[int, int, int]]:
    """(run start, segment start, segment end): capitalised runs split at "and" and commas,
    so that "Dr. Sherwood-Randall and Security Secretary Rosa Icela Rodríguez" gives two names."""
    doc = sent.doc
    segments: list[tuple[int, int, int]] = []
    for run_start, run_end in capitalised_runs(sent):
        seg_start = run_start
        for k in range(run_start, run_end):
            if doc[k].lower_ in {"and", ","}:
                segments.append((run_start, seg_start, k))
                seg_start = k + 1
        segments.append((run_start, seg_start, run_end))
    return [s for s in segments if s[1] < s[2]]


def _is_headline(sent: Span) -> bool:
    """A title-case line ("Joint Statement ... to Combat Illicit Fentanyl"): NER is unreliable there."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title for t in words) / len(words) >= 0.7


def _name_suffix(doc: Doc, start: int, end: int) -> int:
    """Start of the longest suffix of ``doc[start:end]`` made of name-like tokens."""
    k = end
    while k > start:
        tok = doc[k - 1]
        if _name_like(tok) or (tok.text in {"-", "–"} and k - 1 > start) or (
            tok.lower_ in NAME_CONNECTORS and k - 1 > start and _name_like(doc[k - 2])
        ):
            k -= 1
        else:
            break
    while k < end and (doc[k].text in {"-", "–"} or doc[k].lower_ in NAME_CONNECTORS):
        k += 1
    return k


class ActorFinder:
    """Finds actor mentions in a ``Doc``; see :func:`actors_component`."""

    def __init__(self, nlp: Language, ontology: Ontology):
        self.ontology = ontology
        self.matcher = PhraseMatcher(nlp.vocab)
        for entry in ontology.entries.values():
            names = list(entry.names)
            if entry.kind == "country":
                names += list(entry.demonyms)
            patterns = [nlp.make_doc(n) for n in names if n.strip()]
            self.matcher.add(entry.iri, patterns)
        self.country_names = ontology.country_names
        self.demonyms = {fold(d) for e in ontology.of_kind("country") for d in e.demonyms}

    # ------------------------------------------------------------------ helpers
    def _country_in(self, text: str) -> str | None:
        found = self.ontology.countries_in(text)
        return found[0] if found else None

    def _gazetteer_mentions(self, doc: Doc) -> list[ActorMention]:
        found: list[ActorMention] = []
        for match_id, start, end in self.matcher(doc):
            iri = doc.vocab.strings[match_id]
            entry = self.ontology.entries[iri]
            text = doc[start:end].text
            found.append(
                ActorMention(
                    start, end, entry.kind, text, key=iri,
                    country=entry.country if entry.kind != "country" else iri,
                    demonym=entry.kind == "country" and fold(text) in self.demonyms
                    and fold(text) not in {fold(n) for n in entry.names},
                )
            )
        return found

    def _title_before(self, doc: Doc, run_start: int, name_start: int) -> tuple[str | None, str | None, bool]:
        """Title text, country IRI and background flag from the tokens before a name."""
        sent_start = doc[name_start].sent.start
        lo = run_start
        # an appositive: "the Secretary of the Interior, Alfonso ..." / "his Mexican counterpart, Olga ..."
        if run_start == name_start and name_start - 1 > sent_start and doc[name_start - 1].text == ",":
            k = name_start - 2
            while (k >= sent_start and doc[k].text not in {",", ";", ".", "(", "—"} and name_start - k < 12
                   and doc[k].lower_ not in {"with", "by", "and", "to", "from", "for"}
                   and doc[k].pos_ not in {"VERB", "AUX"}):
                k -= 1
            window = doc[k + 1 : name_start - 1]
            if any(t.lower_.strip(".") in TITLE_HEADS or t.lower_ in TITLE_HEADS for t in window):
                lo = k + 1
        # words such as "then-presidential candidate" just before the run
        k = lo - 1
        while k >= sent_start and k >= lo - 4 and doc[k].is_lower and doc[k].is_alpha:
            k -= 1
        prefix = doc[max(k + 1, sent_start) : name_start]
        prefix_text = prefix.text.strip(" ,")
        background = bool(BACKGROUND_CUES.search(doc[max(sent_start, lo - 4) : name_start].text))
        has_title = any(t.lower_ in TITLE_HEADS or t.lower_.strip(".") in TITLE_HEADS for t in prefix)
        if not has_title:
            return None, self._country_in(prefix_text) if prefix_text else None, background
        country = self._country_in(prefix_text)
        words = [t for t in doc[min(lo, prefix.start) : name_start] if t.text != ","]
        # "Dr. Sherwood-Randall and Security Secretary": the title is the last titled segment
        cut = 0
        for k, t in enumerate(words):
            if t.lower_ == "and" and any(w.lower_.strip(".") in TITLE_HEADS for w in words[k + 1 :]):
                cut = k + 1
        words = words[cut:]
        while words and (words[0].is_lower and words[0].lower_ not in TITLE_HEADS):
            words = words[1:]
        title = " ".join(t.text for t in words).replace(" - ", "-").replace("- ", "-").strip()
        title = re.sub(r"\s+(?:of|the|and)$", "", title).strip()
        return title or None, country, background

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> list[ActorMention]:
        mentions = self._gazetteer_mentions(doc)
        taken = [False] * len(doc)

        def free(start: int, end: int) -> bool:
            return not any(taken[start:end])

        def take(m: ActorMention) -> None:
            for i in range(m.start, m.end):
                taken[i] = True

        result: list[ActorMention] = []
        # gazetteer first, longest match wins
        for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
            if free(m.start, m.end):
                take(m)
                result.append(m)
        # "the Northern Triangle of Central America": the second group only qualifies the first
        groups = sorted((m for m in result if m.kind == "group"), key=lambda m: m.start)
        for first, second in zip(groups, groups[1:]):
            between = doc[first.end : second.start].text.lower().split()
            if between in (["of"], ["of", "the"]):
                result.remove(second)
        ner_persons = {(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"}
        for sent in doc.sents:
            if sent._.is_boilerplate:
                continue
            headline = _is_headline(sent)
            for run_start, seg_start, run_end in name_segments(sent):
                name_start = _name_suffix(doc, seg_start, run_end)
                if name_start >= run_end:
                    continue
                if name_start == seg_start and seg_start > run_start:
                    run_start = seg_start
                span = doc[name_start:run_end]
                tokens = [t for t in span if t.is_alpha or _is_initial(t)]
                title, country, background = self._title_before(doc, run_start, name_start)
                by_ner = not headline and any(s <= name_start < e or name_start <= s < run_end for s, e in ner_persons)
                if len(tokens) < 2 or not (title or by_ner):
                    continue
                if fold(span.text) in self.country_names or not free(span.start, span.end):
                    # a known person already covers it: still record the title stated here
                    for idx, m in enumerate(result):
                        if m.kind == "person" and m.start <= span.start < m.end and (title or country):
                            result[idx] = replace(
                                m, title=m.title or title, country=m.country or country,
                                background=m.background or background,
                            )
                    continue
                mention = ActorMention(
                    span.start, span.end, "person", span.text, title=title,
                    country=country, source="title" if title else "ner", background=background,
                )
                take(mention)
                result.append(mention)
        # titles and countries for gazetteer persons from the words before them
        for idx, m in enumerate(result):
            if m.kind == "person" and m.key and m.title is None:
                runs = [r for r in capitalised_runs(doc[m.start].sent) if r[0] <= m.start < r[1] + 1]
                run_start = runs[0][0] if runs else m.start
                # the title starts after the previous actor of the same run ("X and Secretary Y")
                for other in result:
                    if run_start <= other.start and other.end <= m.start and other is not m:
                        run_start = max(run_start, other.end)
                while run_start < m.start and doc[run_start].lower_ in {"and", ",", "the", "of"}:
                    run_start += 1
                title, country, background = self._title_before(doc, run_start, m.start)
                result[idx] = replace(m, title=title, background=background or m.background)
        result.extend(self._surname_mentions(doc, result, taken))
        return sorted(result, key=lambda m: (m.start, m.end))

    def _surname_mentions(self, doc: Doc, found: list[ActorMention], taken: list[bool]) -> list[ActorMention]:
        """Short forms ("Nielsen", "Lopez Obrador", "Sherwood-Randall") of full names in ``doc``."""
        forms: dict[tuple[str, ...], set[tuple[str | None, str]]] = {}
        for m in found:
            if m.kind != "person":
                continue
            names = [m.text]
            if m.key:
                names += list(self.ontology.entries[m.key].names)
            for name in names:
                toks = name_tokens(name)
                if len(toks) < 2:
                    continue
                for form in {toks[-1:], toks[-2:]}:
                    if form != toks:
                        full = self.ontology.entries[m.key].label if m.key else m.text
                        forms.setdefault(form, set()).add((m.key, full))
        if not forms:
            return []
        extra: list[ActorMention] = []
        for sent in doc.sents:
            if sent._.is_boilerplate:
                continue
            for run_start, seg_start, run_end in name_segments(sent):
                name_start = _name_suffix(doc, seg_start, run_end)
                if name_start >= run_end or any(taken[name_start:run_end]):
                    continue
                span = doc[name_start:run_end]
                toks = name_tokens(span.text)
                owners = forms.get(toks)
                if not owners or len(owners) != 1:
                    continue
                key, full_name = next(iter(owners))
                title, country, background = self._title_before(doc, run_start, name_start)
                extra.append(
                    ActorMention(
                        span.start, span.end, "person", span.text, key=key, title=title,
                        country=country, source="surname", background=background,
                        full_name=full_name,
                    )
                )
                for i in range(span.start, span.end):
                    taken[i] = True
        return extra


if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)


@Language.factory(
    "diplokg_actors",
    default_config={"ontology_dir": None},
    assigns=["doc._.actors"],
    requires=["doc.ents", "token.is_sent_start"],
)
def make_actors_component(nlp: Language, name: str, ontology_dir: str | None):
    """``doc._.actors``: the :class:`ActorMention` list of the document, in text order."""
    finder = ActorFinder(nlp, load_ontology(ontology_dir))

    def actors_component(doc: Doc) -> Doc:
        doc._.actors = [
            m for m in finder(doc) if not doc[m.start : m.end]._.is_boilerplate
        ]
        return doc

    return actors_component
