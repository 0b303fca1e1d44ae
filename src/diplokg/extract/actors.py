"""Actor mentions: persons (with title and country), countries, cities, organisations.

Three sources are combined, most trusted first: the gazetteer (known names and aliases), a
title rule ("Deputy Attorney General Lisa O. Monaco", "his Mexican counterpart, Olga Sánchez
Cordero"), and the statistical NER. Surname-only mentions ("Secretary Nielsen", "Lopez Obrador")
are linked to a full name of the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..namespace import DKR
from ..ontology import Ontology, load_ontology
from ..text import fold, name_tokens, slug
from .tokentable import span_text, token_table

#: Plural titles before coordinated names ("Governors A and B", "Foreign Ministers A, B and C"):
#: a title for each name, in the singular.
PLURAL_TITLES = {
    "secretaries": "secretary", "ministers": "minister", "governors": "governor", "presidents": "president",
    "ambassadors": "ambassador", "senators": "senator", "mayors": "mayor", "commissioners": "commissioner",
    "undersecretaries": "undersecretary", "chancellors": "chancellor", "attorneys": "attorney",
    "prosecutors": "prosecutor", "envoys": "envoy", "premiers": "premier",
}
#: Courtesy titles before a name, English and Mexican ("Dr.", "Mtro."/"Mtra." for a master's
#: degree, "Lic." for a licenciatura, "Dra.", "Ing."): part of how a name is written, not a post.
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mtro", "mtra", "lic", "dra", "ing"})
#: Words that head a title or role ("Secretary", "president", "counterpart").
TITLE_HEADS = frozenset(PLURAL_TITLES) | frozenset(
    """
    secretary secretaries minister president vice-president ambassador advisor adviser general
    director commissioner governor senator dr. dr mr. mrs. ms. mr mrs ms chancellor
    mtro. mtro mtra. mtra lic. lic dra. dra ing. ing gral. gral almirante
    administrator coordinator counselor undersecretary counterpart lady chief envoy
    representative congressman congresswoman mayor king queen premier attorney spokesperson
    head chair chairman chairwoman prosecutor candidate leader official agent officer consul
    inspector superintendent attaché attache
    professor admiral captain colonel lieutenant commander sergeant brigadier chargé charge sheriff
    amb sec gen lt col capt cmdr cdr adm sgt gov rep dir pres atty supt insp brig a/s u/s d/s sen. maj.
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
    policy strategy plans planning operations intelligence investigation investigations unit
    international bilateral multilateral america american counternarcotics
    narcotics programs cooperation legal political economic consular development analysis
    human rights tourism welfare environment communications transportation transport
    infrastructure culture drug control counterterrorism terrorism crime criminal organized
    transnational asst dep dept d'affaires affaires
    the of for and on in to at
    """.split()
)
#: An upper-case abbreviated title just before a name ("DAS Brackett", "SAC Moreno", "A/S Ruiz");
#: two letters only for a few known ones, so that "JD" or "AJ" stay given names.
TITLE_ACRONYM = re.compile(r"[A-Z]{3,5}|[A-Z]/[A-Z]{1,2}|VP|AG|DG")
NAME_CONNECTORS = frozenset({"de", "la", "del", "y", "van", "von", "da", "dos", "di", "le"})
RUN_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "d'affaires"}) | NAME_CONNECTORS
#: Last words of an organisation's name ("National Migration Institute", "Border Agency").
ORG_HEADS = frozenset(
    """
    institute agency secretariat ministry department office commission council bureau service
    guard administration unit directorate command police army navy authority committee center division sector
    centre organization organisation foundation bank court senate congress embassy consulate
    """.split()
)
#: Title-case verbs of headlines ("Secretary X Meets with Y", "Secretary X Travels to Mexico").
HEADLINE_VERBS = frozenset(
    "meets travels visits hosts signs holds speaks talks welcomes receives joins leads attends "
    "participates delivers announces discusses calls concludes launches heads tours convenes urges "
    "reaffirms co-chairs chairs".split()
)
HEADLINE_VERB_OBJECTS = frozenset("with to in for on the a an his her their mexican mexico u.s. us".split())
#: Words that, inside a title, introduce its portfolio or institution: a capitalised phrase after
#: them ("Assistant Secretary for Counternarcotics Policy") is part of the title, not a name.
TITLE_PREPOSITIONS = frozenset({"of", "for", "on", "the"})
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)
BACKGROUND_CUES = re.compile(r"(?i)\b(then-|former\b|late\b|ex-)")


PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "across", "throughout", "outside"})
PLACE_NOUNS = frozenset("port ports state states city cities municipality town province region border".split())
#: "The U.S. delegation (also) included ...", "... was led by", "on behalf of Mexico were ...":
#: the persons after it in the sentence are of that side.
_SIDE = r"(?P<who{n}>U\.S\.|US|[A-Z][^\W\d_]+(?:\s[A-Z][^\W\d_]+)?)"
SIDE_CUE = re.compile(
    r"\b(?:[Tt]he\s+)?" + _SIDE.format(n=1) + r"\s+(?:delegation|side|team)\s+(?:that\s+|which\s+)?(?:also\s+)?(?:(?:was|is|were)\s+)?"
    r"(?:included|includes|include|led\s+by|headed\s+by|represented\s+by|composed\s+of|comprised|"
    r"consisted\s+of|consisting\s+of|including|by)\b"
    r"|\b[Oo]n\s+behalf\s+of\s+(?:the\s+[Gg]overnment\s+of\s+)?(?:the\s+)?" + _SIDE.format(n=2)
    + r"|\b(?:[Ff]rom|[Oo]n|[Ff]or)\s+the\s+" + _SIDE.format(n=3) + r"\s+(?:side|delegation)\b"
)


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


def _singular(word: str) -> str:
    """A title word in the singular ("Governors" -> "Governor"), its case kept."""
    one = PLURAL_TITLES.get(fold(word))
    if one is None:
        return word
    return one.upper() if word.isupper() else one.capitalize() if word[:1].isupper() else one


_INITIAL = re.compile(r"[A-Z]\.")
_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _is_initial(token: Token) -> bool:
    return bool(_INITIAL.fullmatch(token.text))


def _is_cap(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper()) and any(c.isalpha() for c in text)


#: Capitalised words that open a byline or credit line ("By Ana Ruiz", "Editing by ..."), never a name.
CREDIT_WORDS = frozenset({"by", "with", "from", "reporting", "editing", "writing", "additional"})


_NOT_NAME_WORDS = TITLE_LEXICON | CREDIT_WORDS


def _name_like(token: Token) -> bool:
    return _name_like_word(token.text)


@lru_cache(maxsize=1 << 16)
def _name_like_word(text: str) -> bool:
    """Whether a token's text may be a word of a person's name: capitalised or an initial, and
    no title, institution or credit word ("Sen." is a title, but "Amartya Sen" a name)."""
    folded = fold(text)
    is_cap = bool(text[:1].isupper()) and any(c.isalpha() for c in text)
    return ((is_cap or bool(_INITIAL.fullmatch(text))) and folded.strip(".") not in _NOT_NAME_WORDS
            and folded not in TITLE_LEXICON)


def capitalised_runs(sent: Span) -> list[tuple[int, int]]:
    """Token ranges of runs of capitalised words (with inner connectors and hyphens)."""
    runs: list[tuple[int, int]] = []
    i, end = sent.start, sent.end
    _, texts, lowers, caps, name_words = token_table(sent.doc)
    while i < end:
        if not name_words[i]:
            i += 1
            continue
        j = i + 1
        while j < end:
            lower = lowers[j]
            if lower in HEADLINE_VERBS and j + 1 < end and (
                lowers[j + 1] in HEADLINE_VERB_OBJECTS or _is_headline(sent)
            ):
                break  # "Secretary Mayorkas Meets with ...", "... Leads Delegation": a headline's verb ends the name
            if name_words[j]:
                j += 1
            elif (
                texts[j] in {"-", "–"} or lower in RUN_CONNECTORS or lower == "elect"
                or (lower == "in" and j + 1 < end and lowers[j + 1] == "charge")  # "Special Agent in Charge X"
            ) and j + 1 < end and (caps[j + 1] or lowers[j + 1] in {"elect", "the"} or (
                # "de la Fuente", "van der Berg"
                lower in NAME_CONNECTORS and lowers[j + 1] in NAME_CONNECTORS
                and j + 2 < end and caps[j + 2]
            )) and (
                lowers[j + 1] not in CALENDAR_WORDS  # "Alba on Monday", "Reyes in March"
            ):
                j += 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def name_segments(sent: Span) -> list[tuple[int, int, int]]:
    """(run start, segment start, segment end): capitalised runs split at "and" and commas,
    so that "Dr. Sherwood-Randall and Security Secretary Rosa Icela Rodríguez" gives two names."""
    lowers = token_table(sent.doc).lowers
    segments: list[tuple[int, int, int]] = []
    for run_start, run_end in capitalised_runs(sent):
        seg_start = run_start
        for k in range(run_start, run_end):
            if lowers[k] in {"and", ","}:
                segments.append((run_start, seg_start, k))
                seg_start = k + 1
        segments.append((run_start, seg_start, run_end))
    return [s for s in segments if s[1] < s[2]]


def _list_item_name(sent: Span, start: int, end: int) -> bool:
    """Whether ``start:end`` is the name opening a list item "- Ana Ruiz, Secretary of ..." (a
    name, a comma, a title): the small NER model often misses names in such lines."""
    doc = sent.doc
    if not re.match(r"^\s*[-•*–·▪]\s", span_text(sent)):
        return False
    first = next((t.i for t in sent if t.is_alpha), None)
    if first != start or end >= sent.end or doc[end].text != ",":
        return False
    return any(t.lower_.strip(".") in TITLE_HEADS for t in doc[end + 1 : min(sent.end, end + 7)])


def _is_headline(sent: Span) -> bool:
    """A title-case line ("Joint Statement ... to Combat Illicit Fentanyl"): NER is unreliable there.
    A sentence that ends like prose ("... of the Office of Bilateral Security Affairs.") is not
    one, however many capitalised names and titles it lists."""
    memo = sent.doc.user_data.setdefault("diplokg.headlines", {})
    key = (sent.start, sent.end)
    if key not in memo:
        memo[key] = _headline(sent)
    return memo[key]


def _headline(sent: Span) -> bool:
    if re.search(r"[.!?][\"”’)]?$", span_text(sent).strip()) and not re.search(r"\b[A-Z]\.$", span_text(sent).strip()):
        return False
    if re.match(r"^\s*[-•*–·▪]\s+[^,]{2,60},", span_text(sent)):
        return False  # a list item "- Ana Ruiz, Secretary of ...": a name and its title
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title for t in words) / len(words) >= 0.7


def _name_suffix(doc: Doc, start: int, end: int) -> int:
    """Start of the longest suffix of ``doc[start:end]`` made of name-like tokens."""
    table = token_table(doc)
    texts, lowers = table.texts, table.lowers
    k = end
    while k > start:
        text, lower = texts[k - 1], lowers[k - 1]
        if _name_like_word(text) or (text in {"-", "–"} and k - 1 > start) or (
            lower in NAME_CONNECTORS and k - 1 > start and _name_like_word(texts[k - 2])
        ):
            k -= 1
        elif lower in NAME_CONNECTORS and k < end:
            # "Tomás de la Vega": a chain of particles between two words of the name
            c = k - 1
            while c > start and lowers[c - 1] in NAME_CONNECTORS:
                c -= 1
            if c > start and _name_like_word(texts[c - 1]):
                k = c
            else:
                break
        else:
            break
    while k < end and (texts[k] in {"-", "–"} or lowers[k] in NAME_CONNECTORS):
        k += 1
    # an abbreviated title is no part of the name ("DAS Brackett", "A/S Ruiz Cortés"), but an
    # upper-case surname is ("Marcelo EBRARD Casaubón")
    while (k + 1 < end and TITLE_ACRONYM.fullmatch(texts[k]) and not texts[k + 1].isupper()
           and not (k > start and lowers[k - 1] in TITLE_PREPOSITIONS)):  # but "of the FBI San Antonio …"
        k += 1
    return k


def _has_title_head(lowers: list[str], start: int, end: int) -> bool:
    """Whether a token of ``start:end`` (lower-case forms ``lowers``) is a title's head word,
    with or without its dots ("Secretary", "Gen.")."""
    return any(lowers[i] in TITLE_HEADS or lowers[i].strip(".") in TITLE_HEADS for i in range(start, end))


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
        #: multi-word post names ("secretary of state") -> country, for titles that contain one
        self._post_names = {
            fold(n): post.country for post in ontology.posts.values() if post.country
            for n in (post.label, *post.aliases) if len(n.split()) >= 3
        }
        self._mentions: list[ActorMention] = []
        self._ner: set[tuple[int, int]] = set()
        self._person_token: list[bool] = []

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
        """Title text, country IRI and background flag from the tokens before a name (a plural
        title in the singular: "Governors A and B" makes each a "Governor")."""
        sent_start = doc[name_start].sent.start
        shared = self._shared_title(doc, name_start, sent_start)
        if shared is not None:
            return shared
        table = token_table(doc)
        texts, lowers = table.texts, table.lowers
        lo = run_start
        lead = name_start  # where the name is written, its courtesy title included ("Lic. X")
        while lead > run_start and lowers[lead - 1].strip(".") in HONORIFICS:
            lead -= 1
        # an appositive: "the Secretary of the Interior, Alfonso ..." / "his Mexican counterpart, Olga ..."
        if run_start == lead and lead - 1 > sent_start and texts[lead - 1] == ",":
            k = lead - 2
            while (k >= sent_start and texts[k] not in {",", ";", ".", "(", "—"} and lead - k < 12
                   and (lowers[k] not in {"with", "by", "and", "to", "from", "for"} or (  # "Ambassador to Mexico, X"
                       lowers[k] in {"to", "for"} and k - 1 >= sent_start and texts[k - 1].istitle()
                       and (texts[k + 1].istitle() or lowers[k + 1] == "the")))
                   and doc[k].pos_ not in {"VERB", "AUX"}):
                k -= 1
            if _has_title_head(lowers, k + 1, lead - 1):
                lo = k + 1
            else:  # a long title: "the Deputy Assistant Secretary of State for Mexico, Caroline ..."
                lo = self._title_run_before(doc, lead - 1) or lo
        # words such as "then-presidential candidate" just before the run
        k = lo - 1
        while k >= sent_start and k >= lo - 4 and texts[k].islower() and texts[k].isalpha():
            k -= 1
        prefix = doc[max(k + 1, sent_start) : name_start]
        prefix_text = span_text(prefix).strip(" ,")
        background = bool(BACKGROUND_CUES.search(span_text(doc[max(sent_start, lo - 4) : name_start])))
        has_title = _has_title_head(lowers, prefix.start, prefix.end) or (
            name_start > sent_start and TITLE_ACRONYM.fullmatch(texts[name_start - 1]) is not None)
        if not has_title:
            return None, self._country_in(prefix_text) if prefix_text else None, background
        words = [t for t in doc[min(lo, prefix.start) : name_start] if t.text != ","]
        # a dateline before the title: "WASHINGTON – Acting Secretary ..."
        dash = max((k for k, t in enumerate(words) if t.text in {"–", "—", "-"} and t.whitespace_), default=-1)
        words = words[dash + 1 :]
        # "Dr. Sherwood-Randall and Security Secretary": the title is the last titled segment (but
        # "U.S. Customs and Border Protection Commissioner" is one institution's title)
        cut = 0
        for k, t in enumerate(words):
            if t.lower_ == "and" and any(w.lower_.strip(".") in TITLE_HEADS for w in words[k + 1 :]) and not all(
                self._institution_word(w) for w in words[cut:k] if w.i >= lo
            ):
                cut = k + 1
        words = words[cut:]
        # words that are neither title nor institution words ("Readout of President"), honorifics
        # and name particles after the title ("Advisor Dr.", "Secretary de la")
        while words and not self._institution_word(words[0]) and any(
            w.lower_.strip(".") in TITLE_HEADS for w in words[1:]
        ):
            words = words[1:]
        while words and (words[0].is_lower and words[0].lower_ not in TITLE_HEADS or words[0].lower_ in {"the", "of", "and", "for"}):
            words = words[1:]
        while len(words) > 1 and (words[-1].lower_ in NAME_CONNECTORS or (
            words[-1].lower_.strip(".") in HONORIFICS
            and any(w.lower_.strip(".") in TITLE_HEADS - HONORIFICS for w in words[:-1])
        )):
            words = words[:-1]
        title = " ".join(_singular(t.text) for t in words).replace(" - ", "-").replace("- ", "-").strip()
        title = re.sub(r"\s+(?:of|the|and)$", "", title).strip()
        country = self._title_country(doc, words[0].i, name_start) if words else self._country_in(prefix_text)
        first = words[0].i if words else lo
        if country is None and first - 2 >= sent_start and doc[first - 1].text in {"'s", "’s"}:
            country = self._title_country(doc, first - 2, first - 1)  # "Mexico's Secretary of Tourism X"
        return title or None, country, background

    def _shared_title(self, doc: Doc, name_start: int, sent_start: int) -> tuple[str, str | None, bool] | None:
        """(title, country, background) of a name after the first of those coordinated after a
        plural title: "Governors A and B", "Foreign Ministers A, B and C", "Attorneys General A
        and B" give B (and C) the title in the singular. Only names, "and" and commas may stand
        between the title and the name."""
        table = token_table(doc)
        texts, lowers, caps = table.texts, table.lowers, table.caps
        k = name_start - 1
        joined = False
        while k >= sent_start and (lowers[k] in {"and", ","} or _name_like_word(texts[k]) or texts[k] in {"-", "–"}
                                   or lowers[k] in NAME_CONNECTORS):
            joined = joined or lowers[k] in {"and", ","}
            k -= 1
        end = k + 1
        while k >= sent_start and caps[k] and self._institution_text(texts[k]):
            k -= 1
        if not joined or not any(fold(texts[i]) in PLURAL_TITLES for i in range(k + 1, end)) or not _name_like_word(texts[end]):
            return None
        words = doc[k + 1 : end]
        title = " ".join(_singular(t.text) for t in words)
        background = bool(BACKGROUND_CUES.search(doc[max(sent_start, k - 3) : end].text))
        return title, self._title_country(doc, k + 1, end), background

    def _institution_word(self, token: Token) -> bool:
        """A word of a title or an institution's name: "Deputy", "Customs", "U.S.", "CBP"."""
        return self._institution_text(token.text)

    def _institution_text(self, text: str) -> bool:
        """:meth:`_institution_word` of a token's text."""
        word = fold(text).strip(".")
        return (word in TITLE_LEXICON or fold(text) in self.country_names or word in ORG_HEADS
                or bool(_ACRONYM.fullmatch(text)))

    def _title_run_before(self, doc: Doc, comma: int) -> int | None:
        """Start of a capitalised title run that ends at ``comma`` ("the Deputy Assistant Secretary
        of State for Mexico, Caroline ..."), if it names no person itself."""
        sent = doc[comma].sent
        for start, end in capitalised_runs(doc[sent.start : comma]):
            if end != comma:
                continue
            words = doc[start:end]
            if not any(t.lower_.strip(".") in TITLE_HEADS for t in words) or not self._institution_word(words[0]):
                return None
            if any(self._person_token[i] for i in range(start, end)) or any(
                start <= s < end for s, _ in self._ner
            ):
                return None
            return start
        return None

    def _title_after(self, doc: Doc, end: int, sent_end: int) -> tuple[str | None, str | None]:
        """An appositive title after a name and the country it tells: "Ana Ruiz, Director of Field
        Operations for U.S. Customs ... in El Paso, and ...", "Jorge Ortiz, Head of the Unit ... of
        Mexico's Secretariat of Security"."""
        if end + 1 >= sent_end or doc[end].text != ",":
            return None, None
        k = end + 1 + (doc[end + 1].lower_ in {"the", "a", "an"})
        if k < sent_end and doc[k].is_lower and doc[k].lower_ in TITLE_HEADS | {"spokesman", "spokeswoman"}:
            # a lower-case appositive: "Rafael Ruiz, head of Mexico's customs agency, said"
            hi = next((i for i in range(k, sent_end) if doc[i].text in {",", ";", "(", ")", "."}), sent_end)
            if hi - k > 12 or any(self._person_token[i] for i in range(k, hi)) or any(k <= s < hi for s, _ in self._ner):
                return None, None
            return doc[k:hi].text, self._title_country(doc, k, hi)
        runs = [r for r in capitalised_runs(doc[k:sent_end]) if r[0] == k]
        if not runs:
            return None, None
        start, stop = runs[0]
        words = doc[start:stop]
        if not self._institution_word(words[0]) or not any(t.lower_.strip(".") in TITLE_HEADS for t in words):
            return None, None
        # "X, Foreign Secretary Ana Ruiz": the title of the next person, not an appositive (a name
        # may end the run only as a portfolio: "Senior Advisor for Cargo Screening")
        if any(self._person_token[i] for i in range(start, stop)) or any(start <= s < stop for s, _ in self._ner):
            return None, None
        tail = _name_suffix(doc, start, stop)
        if tail < stop and doc[tail - 1].lower_ not in TITLE_PREPOSITIONS | {"and"} and not self._person_token[tail]:
            if not all(self._institution_word(t) or t.text in {"-", "–"} for t in doc[tail:stop]):
                return None, None
        while stop > start + 1 and doc[stop - 1].lower_ in TITLE_PREPOSITIONS | {"and"}:
            stop -= 1
        # the appositive runs to the next comma: its institution tells the country
        hi = next((i for i in range(stop, sent_end) if doc[i].text in {",", ";", "(", ")"}), sent_end)
        title = doc[start:stop].text
        return title, self._title_country(doc, start, hi)

    def _title_country(self, doc: Doc, lo: int, hi: int) -> str | None:
        """The country a title (or appositive) ``doc[lo:hi]`` says its holder serves: a country
        named in it, not as its portfolio or destination ("for Mexico", "to Mexico"); else a
        listed organisation in it ("of the Mexican Navy", "at the U.S. Department of ..."); else a
        listed post it contains ("Assistant Secretary of State for ...")."""
        portfolio = False
        for m in sorted(self._mentions, key=lambda m: m.start):
            if lo <= m.start < hi and m.kind == "country" and m.key:
                prev = doc[m.start - 1].lower_ if m.start > lo else ""
                if prev in {"for", "to", "in", "on", "with", "toward", "towards"} or (
                    portfolio and prev in {"and", ",", "or"}  # "for Mexico and Canada"
                ):
                    portfolio = True
                    continue
                return m.key
        for m in sorted(self._mentions, key=lambda m: m.start):
            if lo <= m.start < hi and m.kind == "org" and m.country:
                return m.country
        text = " " + fold(doc[lo:hi].text) + " "
        countries = {c for name, c in self._post_names.items() if f" {name} " in text}
        return next(iter(countries)) if len(countries) == 1 else None

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> list[ActorMention]:
        mentions = self._gazetteer_mentions(doc)
        taken = [False] * len(doc)
        self._person_token = [False] * len(doc)
        self._ner = {(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"}

        def free(start: int, end: int) -> bool:
            return not any(taken[start:end])

        def take(m: ActorMention) -> None:
            for i in range(m.start, m.end):
                taken[i] = True
                self._person_token[i] = self._person_token[i] or m.kind == "person"

        result: list[ActorMention] = []
        self._mentions = result
        # gazetteer first, longest match wins; regions ("Nuevo León", "Sonora") only keep their
        # words from passing for a person's name
        regions: list[ActorMention] = []
        for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
            if free(m.start, m.end):
                take(m)
                (regions if m.kind == "region" else result).append(m)
        places = {m.end: m for m in result + regions if m.kind in {"city", "country", "region"}}
        # "the Northern Triangle of Central America": the second group only qualifies the first
        groups = sorted((m for m in result if m.kind == "group"), key=lambda m: m.start)
        for first, second in zip(groups, groups[1:]):
            between = doc[first.end : second.start].text.lower().split()
            if between in (["of"], ["of", "the"]):
                result.remove(second)
        # organisations the gazetteer does not list, before their words can pass for a name
        result.extend(self._unknown_organizations(doc, taken))
        ner_persons = self._ner
        for sent in doc.sents:
            if sent._.is_boilerplate:
                continue
            headline = _is_headline(sent)
            for run_start, seg_start, run_end in name_segments(sent):
                name_start = _name_suffix(doc, seg_start, run_end)
                # "President Elena Morales Durán of Mexico", "Mayor Ana Ruiz of Tijuana", "Commissioner
                # Troy Ellis of CBP": the place or body is not the name, but tells the country
                of_actor = None
                if name_start >= run_end:  # "Commissioner X of the National Migration Institute": no name-like suffix
                    tail = next((k for k in range(run_end - 1, seg_start, -1) if doc[k].lower_ == "of"), None)
                    if tail is not None:
                        first = tail + 2 if tail + 1 < run_end and doc[tail + 1].lower_ == "the" else tail + 1
                        # a body of known actors and institution words ("the DEA El Paso Division")
                        if first < run_end and all(taken[i] or self._institution_word(doc[i]) for i in range(first, run_end)):
                            name_start = first
                of_at = name_start - 2 if (name_start - 2 > seg_start and doc[name_start - 1].lower_ == "the") else name_start - 1
                if (name_start < run_end and of_at > seg_start and doc[of_at].lower_ == "of"
                        and (fold(doc[name_start:run_end].text) in self.country_names or all(taken[name_start:run_end])
                             or (any(taken[name_start:run_end]) and all(
                                 taken[i] or self._institution_word(doc[i]) for i in range(name_start, run_end))))):
                    of_actor = next((m for m in result + regions if m.start == name_start), None)
                    run_end = of_at  # "Commissioner X of the National Migration Institute"
                    name_start = _name_suffix(doc, seg_start, run_end)
                # "... of Mexico Ana Lucía Ferro", "Undersecretary for North America Eduardo ...": a
                # country, region or city just before the name is not part of it
                k = name_start
                while k < run_end and taken[k]:
                    k += 1
                if name_start < k < run_end - 1 and not any(taken[k:run_end]):
                    name_start = k
                if name_start >= run_end:
                    continue
                # "Deputy Assistant Secretary for Counternarcotics Policy": capitalised words after a
                # title's "for" / "of" are its portfolio; a name starts there only where the NER
                # says so ("Secretary of Welfare Ariadna Montiel")
                if name_start - 1 >= max(run_start, sent.start) and doc[name_start - 1].lower_ in TITLE_PREPOSITIONS:
                    inner = [s for s, e in ner_persons if name_start <= s < run_end - 1 and e >= run_end]
                    if headline or not inner:
                        continue
                    name_start = min(inner)
                if name_start == seg_start and seg_start > run_start:
                    run_start = seg_start
                span = doc[name_start:run_end]
                tokens = [t for t in span if t.is_alpha or _is_initial(t)]
                title, country, background = self._title_before(doc, run_start, name_start)
                by_ner = (not headline and any(s <= name_start < e or name_start <= s < run_end for s, e in ner_persons)
                          ) or _list_item_name(sent, name_start, run_end)
                if (not title or country is None) and by_ner:  # "Ana Ruiz, Director of ... at ..."
                    after, after_country = self._title_after(doc, span.end, sent.end)
                    title, country = title or after, country or after_country
                if country is None and of_actor is not None:
                    country = of_actor.key if of_actor.kind == "country" else of_actor.country
                if not title and self._place_context(doc, span.start, span.end, places):
                    continue  # "the ports of Manzanillo and Lázaro Cárdenas", "Monterrey, Nuevo León"
                if len(tokens) < 2 or not (title or by_ner):
                    continue
                if (fold(span.text) not in self.country_names and not free(span.start, span.end)
                        and not any(m.kind == "person" and m.start <= span.start < m.end for m in result)):
                    # "Commissioner Rosendo Aguirre Lima": a city's name ends the person's name (the
                    # NER starts a person there and a title stands before it)
                    inner = [(s, e) for s, e in ner_persons if s == span.start and span.start + 2 <= e < span.end]
                    places_in = [m for m in result if m.kind == "city" and span.start + 2 <= m.start and m.end == span.end]
                    if inner and title and places_in and free(span.start, places_in[0].start):
                        result.remove(places_in[0])
                        for i in range(places_in[0].start, places_in[0].end):
                            taken[i] = False
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
                # (a country or body inside the title is part of it: "Mexican Ambassador to the United States X")
                for other in result:
                    if run_start <= other.start and other.end <= m.start and other is not m and (
                        other.kind == "person" or not any(
                            t.lower_.strip(".") in TITLE_HEADS for t in doc[other.end : m.start]
                        )
                    ):
                        run_start = max(run_start, other.end)
                while run_start < m.start and doc[run_start].lower_ in {"and", ",", "the", "of"}:
                    run_start += 1
                title, country, background = self._title_before(doc, run_start, m.start)
                if title is None:
                    title, _ = self._title_after(doc, m.end, doc[m.start].sent.end)
                result[idx] = replace(m, title=title, background=background or m.background)
        result.extend(self._surname_mentions(doc, result, taken))
        result.extend(self._single_names(doc, taken, ner_persons))
        result.sort(key=lambda m: (m.start, m.end))
        self._side_countries(doc, result, places)
        return result

    def _place_context(self, doc: Doc, start: int, end: int, places: dict[int, ActorMention]) -> bool:
        """Whether an untitled capitalised name stands where a place does: after "in", "at",
        "near"; after "port of", "state of"; before "state"; or next in a list after a known
        place ("Manzanillo and Lázaro Cárdenas", "Monterrey, Nuevo León")."""
        sent = doc[start].sent
        prev = doc[start - 1] if start > sent.start else None
        if prev is None:
            return False
        if prev.lower_ in PLACE_PREPOSITIONS:
            return True
        if prev.lower_ == "of" and start - 2 >= sent.start and doc[start - 2].lower_ in PLACE_NOUNS:
            return True
        if end < sent.end and doc[end].lower_ in PLACE_NOUNS - {"border"}:
            return True
        k = start - 1
        if doc[k].lower_ in {"and", "or"} and k - 1 >= sent.start and doc[k - 1].text == ",":
            k -= 1
        if doc[k].lower_ not in {"and", "or", ","}:
            return False
        if k in places:
            # "the Ambassador of Mexico to the United States, Elena Ruiz": a title ends with the
            # country it names, and the name follows as its apposition
            j = places[k].start - 1
            if j >= sent.start and doc[j].lower_ == "the":
                j -= 1
            return not (doc[k].text == "," and j >= sent.start and doc[j].lower_ in {"to", "of", "in", "for"} and any(
                t.lower_.strip(".") in TITLE_HEADS for t in doc[max(sent.start, j - 6) : j]))
        # "the ports of Veracruz and Tuxpan": the first of the list stands where a place does
        j = k
        while j - 1 >= sent.start and _is_cap(doc[j - 1]):
            j -= 1
        return j < k and j - 1 >= sent.start and (doc[j - 1].lower_ in PLACE_PREPOSITIONS or (
            doc[j - 1].lower_ == "of" and j - 2 >= sent.start and doc[j - 2].lower_ in PLACE_NOUNS
        ))

    def _side_countries(self, doc: Doc, result: list[ActorMention], places: dict[int, ActorMention]) -> None:
        """Countries of persons the text places on one side: "The U.S. delegation included X",
        "The Mexican delegation was led by Y", "taking part on behalf of Mexico were Z"; and a
        governor's or mayor's from the place named before them in the sentence."""
        for idx, m in enumerate(result):
            if m.kind != "person" or m.country or m.key:
                continue
            sent = doc[m.start].sent
            before = doc[sent.start : m.start].text
            side = None
            for match in SIDE_CUE.finditer(before):
                who = fold(match.group("who1") or match.group("who2") or match.group("who3"))
                side = self.country_names.get(who) or side
            if side is None and m.title and {w.strip(".") for w in fold(m.title).split()} & {"governor", "mayor"}:
                near = [p for end, p in places.items() if sent.start <= p.start and end <= m.start and p.country]
                if near:
                    side = max(near, key=lambda p: p.start).country
            if side:
                result[idx] = replace(m, country=side)

    def _single_names(self, doc: Doc, taken: list[bool], ner_persons: set[tuple[int, int]]) -> list[ActorMention]:
        """A lone surname with a title ("Deputy Minister Quintero") or tagged PERSON by the NER,
        that no full name of this document explains; resolution joins it to the one person of
        the corpus whose name contains it (or drops it)."""
        found: list[ActorMention] = []
        for sent in doc.sents:
            if sent._.is_boilerplate:
                continue
            headline = _is_headline(sent)
            for run_start, seg_start, run_end in name_segments(sent):
                name_start = _name_suffix(doc, seg_start, run_end)
                if run_end - name_start != 1 or any(taken[name_start:run_end]):
                    continue
                tok = doc[name_start]
                if (not tok.is_alpha or len(tok) < 3 or tok.is_upper or fold(tok.text) in self.country_names
                        or fold(tok.text) in CALENDAR_WORDS):
                    continue
                # "Head of the Unit for Intelligence": a title's portfolio, not a surname
                if name_start - 1 >= max(run_start, sent.start) and doc[name_start - 1].lower_ in TITLE_PREPOSITIONS:
                    continue
                title, country, background = self._title_before(doc, run_start, name_start)
                if not (title or ((name_start, run_end) in ner_persons and not headline)):
                    continue
                if title is None and name_start == sent.start:
                    continue
                found.append(ActorMention(name_start, run_end, "person", tok.text, title=title, country=country,
                                          source="title" if title else "ner", background=background))
                taken[name_start] = True
        return found

    def _unknown_organizations(self, doc: Doc, taken: list[bool]) -> list[ActorMention]:
        """Organisations the gazetteer does not list, from the shape of their name: capitalised
        words ending in an organisation word ("the Federal Border Coordination Agency"), with an
        acronym in brackets after it that later stands for it ("(FBCA)")."""
        found: list[ActorMention] = []
        acronyms: dict[str, tuple[str, str]] = {}
        for sent in doc.sents:
            if sent._.is_boilerplate:
                continue
            for run_start, run_end in capitalised_runs(sent):
                heads = [k for k in range(run_start, run_end) if doc[k].lower_ in ORG_HEADS and _is_cap(doc[k])]
                for head in heads:
                    if taken[head]:
                        continue
                    end = head + 1
                    while end + 1 < run_end and doc[end].lower_ in {"of", "for", "on", "and", "the"} and _is_cap(doc[end + 1]):
                        end += 1
                        while end < run_end and _is_cap(doc[end]) and fold(doc[end].text) not in TITLE_HEADS:
                            end += 1
                    start = head
                    # backwards only over capitalised words: "of" names follow the head word
                    while start > run_start and not taken[start - 1] and _is_cap(doc[start - 1]) and (
                        fold(doc[start - 1].text).strip(".") not in TITLE_HEADS
                    ):
                        start -= 1
                    while start < head and (doc[start].lower_ in RUN_CONNECTORS or fold(doc[start].text) in self.country_names):
                        start += 1
                    if end - start < 2 or any(taken[start:end]):
                        continue
                    label = doc[start:end].text
                    key = str(DKR[f"org/{slug(label)}"])
                    found.append(ActorMention(start, end, "org", label, key=key, source="pattern"))
                    for i in range(start, end):
                        taken[i] = True
                    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and re.fullmatch(r"[A-Z]{2,8}", doc[end + 1].text):
                        acronyms[doc[end + 1].text] = (key, label)
                        taken[end + 1] = True  # the definition itself is part of this mention
        for tok in doc:
            if tok.text in acronyms and not taken[tok.i] and not doc[tok.i : tok.i + 1]._.is_boilerplate:
                key, label = acronyms[tok.text]
                found.append(ActorMention(tok.i, tok.i + 1, "org", tok.text, key=key, source="pattern", full_name=label))
                taken[tok.i] = True
        return found

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


# --- a capital as its government ------------------------------------------------------------

#: Verbs whose subject is no actor: a capital that "is", "hosts" or "has seen" something is a place.
PLACE_SUBJECT_VERBS = frozenset(
    "be become remain host see witness experience lie sit suffer record register welcome attract draw".split())
#: Words whose "with" / "between" object is a party (talks with Washington, relations between
#: Washington and Mexico City), besides the meeting words.
RELATION_WORDS = frozenset(
    "talk talks negotiation negotiations meeting meetings dialogue consultation consultations discussion "
    "discussions conversation deal agreement accord pact understanding relation relations relationship tie ties "
    "tension tensions dispute rift standoff cooperation coordination negotiate talk meet speak cooperate "
    "coordinate work clash agree discuss partner partnership".split())
_DATELINE_MARKS = frozenset({"—", "–", "-", "--", "(", ","})


def _capital_as_actor(doc: Doc, m: ActorMention, actor_starts: set[int]) -> bool:
    span = doc[m.start : m.end]
    root = span.root
    if m.start == span.sent.start and m.end < len(doc) and doc[m.end].text in _DATELINE_MARKS:
        return False  # a dateline ("MEXICO CITY (AP) —", "Washington, June 3 —")
    dep, head = root.dep_, root.head
    while dep == "conj" and head.i != root.i:  # "Washington and Mexico City agreed": as its first conjunct
        if head.i in actor_starts:
            return True
        root, head, dep = head, head.head, head.dep_
    if dep == "nsubj":
        return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() not in PLACE_SUBJECT_VERBS
    if dep == "pobj" and head.lower_ in {"with", "between"}:
        governor = head.head
        return governor.lemma_.lower() in RELATION_WORDS or governor.lower_ in RELATION_WORDS
    return False


def capital_governments(doc: Doc, mentions: list[ActorMention], capitals: dict[str, str]) -> list[ActorMention]:
    """A capital used as an actor stands for its country's government: the subject of a verb
    other than a place's ("Washington will process the claims", "Washington and Mexico City
    agreed …"), a party of talks or relations ("talks between Washington and Mexico City",
    "negotiations with Washington"), or a conjunct of such a party. A capital as a location ("met
    in Washington", "traveled to Mexico City"), a dateline or the subject of "host", "be", "see"
    stays a city. The mention keeps its text and becomes a country mention (``source`` "capital")."""
    if not capitals or not any(m.kind == "city" and m.key in capitals for m in mentions):
        return mentions
    out = list(mentions)
    actor_starts: set[int] = {i for m in mentions if m.kind == "country" and not m.demonym
                              for i in range(m.start, m.end)}
    for n, m in enumerate(mentions):  # in text order: a first conjunct is decided before the next
        if m.kind == "city" and m.key in capitals and _capital_as_actor(doc, m, actor_starts):
            country = capitals[m.key]
            out[n] = replace(m, kind="country", key=country, country=country, source="capital")
            actor_starts.update(range(m.start, m.end))
    return out
