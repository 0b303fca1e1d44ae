"""Roles over time and coreference inside a document.

- **Posts** (``diplokg_roles`` component, ``doc._.post_mentions``): a title with no name ("the
  Secretary of Homeland Security", "Mexico's Foreign Secretary") names the person who held that
  post when the document was written. :func:`role_mentions` resolves it, first to a person the
  document itself has named with that title, else through the gazetteer's W3C ORG tenures at the
  document's date (``Ontology.holder_of``). The title text is kept as the mention's title
  (evidence), so a wrong title in a text ("Interior Secretary Kirstjen Nielsen") is kept as said
  while the person resolves by name.
- **Coreference** (deterministic, conservative): "the Secretary" / "the Minister" / "the
  President" is the most recent person of the document with that title word; "he" / "she" as the
  subject of a meeting sentence that names no one before its meeting word (or "his" / "her" just
  before a meeting noun: "her visit") is the subject of the previous sentence. Group phrases ("both secretaries", "the two leaders", "the delegation") are
  read by the meeting rules (:data:`GROUP_PHRASES`).

Every mention this module adds is an :class:`ActorMention` with ``source`` ``"post"`` or
``"coref"``; its text is never taken as a name of the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..corpus import PartialDate
from ..ontology import Ontology, load_ontology
from ..text import fold
from .actors import CALENDAR_WORDS, NAME_CONNECTORS, TITLE_HEADS, TITLE_LEXICON, ActorMention
from .dates import resolve_date
from .tokentable import token_table

#: Sources of mentions whose text is not a name ("the Secretary", "she").
NOT_A_NAME = frozenset({"surname", "post", "coref"})
#: Words before a title that make it someone other than the current holder.
NOT_CURRENT = frozenset({"former", "then", "ex", "late", "next", "future", "incoming", "outgoing",
                         "previous", "prior", "past", "new", "first", "future"})
#: Title words that "the <Word>" may refer back with.
COREF_HEADS = frozenset({"secretary", "minister", "president", "ambassador", "governor", "commissioner",
                         "administrator", "director", "advisor", "adviser", "chancellor", "envoy",
                         "undersecretary", "senator", "mayor"})
SUBJECT_PRONOUNS = frozenset({"he", "she"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
#: Words that make a title a deputy's rather than the principal's.
SUBORDINATE = frozenset({"vice", "deputy", "assistant", "under", "former", "then"})
#: Plural phrases that stand for the two sides of the current meeting, or for a delegation.
GROUP_PHRASES = re.compile(
    r"(?i)\b(?:(?P<sides>both (?:secretaries|ministers|leaders|presidents|officials|delegations|sides|heads of state)"
    r"|the two (?:secretaries|ministers|leaders|presidents|officials|delegations|sides|heads of state)"
    r"|the (?:leaders|delegations|secretaries|ministers|presidents))"
    r"|(?P<delegation>the (?:\w+ )?delegation))\b"
)
POSSESSIVE = {"'s", "’s"}
#: Participles after which a subject pronoun's companions follow ("She was joined by ...").
COMPANION_WORDS = frozenset({"joined", "accompanied"})


@dataclass(frozen=True)
class PostMention:
    """A phrase naming a post ("the Secretary of Homeland Security") with no name attached."""

    start: int
    end: int
    text: str
    posts: tuple[str, ...]


class PostFinder:
    """Finds post phrases that stand alone (not before or after a person's name)."""

    def __init__(self, nlp: Language, ontology: Ontology):
        self.ontology = ontology
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = sorted({n for p in ontology.posts.values() for n in (p.label, *p.aliases, *p.qualified)})
        self.matcher.add("POST", [nlp.make_doc(n) for n in names])
        self.qualifiers = set(ontology.country_names) | {"u.s", "us", "american"}

    def _extend_left(self, doc: Doc, start: int, lo: int) -> int:
        """Include a country qualifier before the match: "Mexico's", "Mexican", "U.S."."""
        k = start
        if k - 2 >= lo and doc[k - 1].text in POSSESSIVE and fold(doc[k - 2].text).strip(".") in self.qualifiers:
            return k - 2
        if k - 1 >= lo and fold(doc[k - 1].text) in self.qualifiers | {"u.s."}:
            return k - 1
        return k

    def _destination_named(self, post: str, phrase: str, mentioned: set[str | None]) -> bool:
        """A post abroad ("U.S. Ambassador to Mexico") counts for a phrase that omits where
        ("the U.S. Ambassador") only in a document that mentions that country."""
        info = self.ontology.posts[post]
        abroad = set(self.ontology.countries_in(info.label)) - {info.country}
        named = set(self.ontology.countries_in(phrase))
        return not abroad or abroad <= named | mentioned

    def __call__(self, doc: Doc, actors: list[ActorMention]) -> list[PostMention]:
        persons = [m for m in actors if m.kind == "person"]
        starts = {m.start for m in persons}
        ends = {m.end for m in persons}
        covered = {i for m in actors if m.kind == "org" for i in range(m.start, m.end)}
        mentioned = {m.key for m in actors if m.kind == "country"} | {m.country for m in actors if m.kind == "city"}
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        found: list[PostMention] = []
        for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
            sent = span.sent
            if sent._.is_boilerplate or any(f.start <= span.start < f.end or span.start <= f.start < span.end for f in found):
                continue
            start = self._extend_left(doc, span.start, sent.start)
            end = span.end
            # followed by a name (or ", Name"): a title of a named person
            nxt = end + 1 if end < sent.end and doc[end].text == "," else end
            while nxt + 1 < sent.end and doc[nxt].lower_ in NAME_CONNECTORS:  # "Foreign Secretary de la Fuente"
                nxt += 1
            rank = nxt
            while rank + 1 < sent.end and rank < nxt + 2 and fold(doc[rank].text).strip(".") in TITLE_LEXICON:
                rank += 1  # "Mexico's Secretary of the Navy, Admiral Name": a rank before the name
            if rank != nxt and rank in starts:
                continue
            if nxt in starts or end in starts or (nxt < sent.end and doc[nxt].text[:1].isupper()
                                                  and fold(doc[nxt].text) not in TITLE_LEXICON | CALENDAR_WORDS):
                continue
            if end < sent.end and doc[end].text in {"-", "–"}:  # "Secretary of State-designate"
                continue
            # a longer title: "Deputy Secretary of State for Management and Resources"
            if end + 1 < sent.end and doc[end].lower_ in {"for", "of", "on"} and doc[end + 1].text[:1].isupper() and (
                doc[end + 1].lower_ not in CALENDAR_WORDS
            ):
                continue
            # "Kirstjen Nielsen, the Secretary of ...": an appositive of a named person
            k = start - 1
            while k >= sent.start and doc[k].lower_ in {"the", ",", "as"}:
                k -= 1
            if k + 1 in ends and any(doc[j].text == "," for j in range(k + 1, start)):
                continue
            before = {fold(t.text).strip("-") for t in doc[max(sent.start, start - 3):start]}
            # inside an organisation's name (but "DHS Secretary": the organisation qualifies the post)
            if before & NOT_CURRENT or end - 1 in covered:
                continue
            # "Office of the Secretary of Defense": part of an institution's name
            if k >= sent.start + 1 and doc[k].lower_ == "of" and doc[k - 1].text[:1].isupper():
                continue
            # "the U.S. Ambassador to Guatemala": an ambassador elsewhere
            if fold(span.text).endswith("ambassador") and end + 1 < sent.end and doc[end].lower_ in {"to", "in"} and (
                doc[end + 1].text[:1].isupper()
            ):
                continue
            text = doc[start:end].text
            posts = tuple(p for p in self.ontology.posts_named(text) if self._destination_named(p, text, mentioned))
            if posts:
                found.append(PostMention(start, end, text, posts))
        return sorted(found, key=lambda p: p.start)


if not Doc.has_extension("post_mentions"):
    Doc.set_extension("post_mentions", default=None)


@Language.factory(
    "diplokg_roles",
    default_config={"ontology_dir": None},
    assigns=["doc._.post_mentions"],
    requires=["doc._.actors"],
)
def make_roles_component(nlp: Language, name: str, ontology_dir: str | None):
    """``doc._.post_mentions``: titles that stand alone, to be resolved at the document's date."""
    finder = PostFinder(nlp, load_ontology(ontology_dir))

    def roles_component(doc: Doc) -> Doc:
        doc._.post_mentions = finder(doc, doc._.actors or [])
        return doc

    return roles_component


# ---------------------------------------------------------------------------- resolution


def document_date(doc: Doc, published: PartialDate | None) -> PartialDate | None:
    """The date a document speaks at: its publication date, else its first absolute date."""
    if published is not None:
        return published
    for mention in doc._.dates or []:
        value = resolve_date(mention.text, None, None).value
        if value is not None:
            return value
    return None


def _title_core(title: str, ontology: Ontology) -> set[str]:
    """The posts a stated title names (country words included)."""
    return set(ontology.posts_named(title)) if title else set()


def _principal_title(title: str, head: str) -> bool:
    """Whether ``title`` holds ``head`` as its principal word: "Secretary of State" for "the
    Secretary", not "Deputy Secretary", "Vice President" or "President-elect"."""
    words = fold(title).replace("-", " ").split()
    return any(
        w == head and (k == 0 or words[k - 1] not in SUBORDINATE) and (k + 1 == len(words) or words[k + 1] != "elect")
        for k, w in enumerate(words)
    )


HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame"})


def known_by_surname(m: ActorMention, tokens: tuple[str, ...], ontology: Ontology) -> str | None:
    """The gazetteer person a titled surname names ("President Trump", "Secretary Mayorkas",
    "President López Obrador"): the only listed person with that surname, and a stated title
    that is an honorific or shares its title word with one of theirs; else None."""
    if not m.title or not 1 <= len(tokens) <= 2 or m.source in NOT_A_NAME:
        return None
    persons = ontology.surnames.get(tokens, frozenset())
    if len(persons) != 1:
        return None
    iri = next(iter(persons))
    stated = {w.strip(".") for w in fold(m.title).replace("-", " ").split()} & (TITLE_HEADS | HONORIFICS)
    held = set(fold(" ".join(ontology.entries[iri].titles)).replace("-", " ").split())
    if stated and not stated <= HONORIFICS and not (stated - HONORIFICS) & held:
        return None
    return iri


def _key_of(m: ActorMention) -> tuple[str | None, str | None]:
    return m.key, m.full_name or (m.text if m.source not in NOT_A_NAME else None)


def _person(m: ActorMention, start: int, end: int, text: str, title: str | None, source: str,
            country: str | None = None) -> ActorMention:
    key, full = _key_of(m)
    return ActorMention(start, end, "person", text, key=key, title=title, country=country or m.country,
                        source=source, full_name=full)


def _sentence_persons(doc: Doc, mentions: list[ActorMention], sent: Span) -> list[ActorMention]:
    return [m for m in mentions if m.kind == "person" and sent.start <= m.start < sent.end and not m.background]


def _is_subject(doc: Doc, m: ActorMention) -> bool:
    """Whether a person mention is (in) the subject of its clause."""
    if not doc.has_annotation("DEP"):
        return False
    return any(t.dep_ in {"nsubj", "nsubjpass"} for t in doc[m.start : m.end])


def _same_stretch(doc: Doc, subject: ActorMention, latest: ActorMention) -> bool:
    """Whether a subject and a later mention stand in one sentence or in two adjacent ones (the
    subject is still the one the text is about)."""
    first, last = doc[subject.start].sent, doc[latest.start].sent
    return first.start == last.start or first.end >= last.start - 1


def _subject(doc: Doc, persons: list[ActorMention]) -> ActorMention | None:
    """The person who is the grammatical subject (the first person when there is no parse)."""
    if not persons:
        return None
    if doc.has_annotation("DEP"):
        for m in persons:
            if any(t.dep_ in {"nsubj", "nsubjpass"} for t in doc[m.start : m.end]):
                return m
        return None
    return persons[0]


def role_mentions(doc: Doc, actors: list[ActorMention], published: PartialDate | None,
                  ontology: Ontology, sentences: list[Span]) -> list[ActorMention]:
    """``actors`` plus the persons that stand-alone titles and references name (sorted)."""
    from .meetings import find_triggers  # the meeting rules import this module's phrases

    when = document_date(doc, published)
    mentions = list(actors)
    persons = sorted((m for m in actors if m.kind == "person"), key=lambda m: m.start)
    # 1. stand-alone post titles
    for post in doc._.post_mentions or []:
        named = [m for m in persons if m.end <= post.start and m.title
                 and _title_core(m.title, ontology) & set(post.posts)]
        title = re.sub(r"(?i)^the\s+", "", post.text)
        if named:
            mentions.append(_person(named[-1], post.start, post.end, post.text, title, "post"))
            continue
        holder = ontology.holder_of(post.text, when)
        if holder is None:
            continue
        entry = ontology.entries.get(holder)
        country = ontology.posts[post.posts[0]].country
        mentions.append(ActorMention(post.start, post.end, "person", post.text, key=holder, title=title,
                                     country=country, source="post",
                                     full_name=entry.label if entry else None))
    mentions.sort(key=lambda m: (m.start, m.end))
    taken = {i for m in mentions for i in range(m.start, m.end)}
    # 2. "the Secretary", "the Minister", "the Deputy Secretary", "the Attorney General": the most
    #    recent person whose title holds those words
    table = token_table(doc)
    lowers, texts, caps = table.lowers, table.texts, table.caps
    for sent in sentences:
        for k in range(sent.start, sent.end - 1):
            if lowers[k] != "the":
                continue
            words: list[str] = []
            j = k + 1
            while j < sent.end and j < k + 4 and caps[j] and fold(texts[j]).strip(".") in TITLE_LEXICON and j not in taken:
                words.append(fold(texts[j]).strip("."))
                j += 1
            while words and words[-1] not in COREF_HEADS and not (len(words) > 1 and words[-1] == "general"):
                words.pop()  # "the Secretary of State" is a post (step 1); "the Deputy" alone is nothing
            if not words:
                continue
            end = k + 1 + len(words)
            if end < sent.end and (lowers[end] in {"of", "-", "–", "general"} or caps[end] or (
                    texts[end] in POSSESSIVE and end + 1 < sent.end and caps[end + 1])):
                continue  # "the Secretary of ...", "the Secretary General", "the Attorney General's Office"
            if len(words) == 1:
                def holds(title: str, head: str = words[0]) -> bool:
                    return _principal_title(title, head)
            else:
                def holds(title: str, phrase: tuple[str, ...] = tuple(words)) -> bool:
                    found = fold(title).replace("-", " ").split()
                    return any(tuple(found[i:i + len(phrase)]) == phrase and (i == 0 or found[i - 1] not in SUBORDINATE)
                               for i in range(len(found) - len(phrase) + 1))
            earlier = [m for m in mentions if m.kind == "person" and m.end <= k and m.title
                       and holds(m.title) and (m.key or m.full_name or m.source not in NOT_A_NAME)]
            if earlier:
                # the most recent such person, a grammatical subject first ("X met with Mexican
                # Security Secretary Y. The Secretary was accompanied by ...": X)
                subjects = [m for m in earlier if _is_subject(doc, m)]
                antecedent = subjects[-1] if subjects and _same_stretch(doc, subjects[-1], earlier[-1]) else earlier[-1]
                mentions.append(_person(antecedent, k + 1, end, doc[k + 1 : end].text, None, "coref"))
                taken.update(range(k + 1, end))
    mentions.sort(key=lambda m: (m.start, m.end))
    # 3. "She met with ...": a subject pronoun before the meeting word, nobody named before it;
    #    it stands for the subject of the previous sentence (which must name someone)
    for n, sent in enumerate(sentences):
        if n == 0:
            continue
        triggers = find_triggers(sent)
        if triggers:
            first = triggers[0].i
        else:  # "She was joined / accompanied by ...": the companions go with her
            first = next((k for k in range(sent.start, sent.end) if lowers[k] in COMPANION_WORDS), -1)
            if first < 0:
                continue
        pronoun = next((t for t in sent if t.i < first and t.lower_ in SUBJECT_PRONOUNS), None)
        if pronoun is None and triggers and triggers[0].is_noun and first > sent.start and doc[first - 1].lower_ in POSSESSIVE_PRONOUNS:
            pronoun = doc[first - 1]  # "Her visit to Monterrey", "during his meeting with ..."
        elif pronoun is None or (doc.has_annotation("DEP") and pronoun.dep_ not in {"nsubj", "nsubjpass"}):
            continue
        if any(m.kind == "person" and sent.start <= m.start < first for m in mentions):
            continue
        antecedent = _subject(doc, _sentence_persons(doc, mentions, sentences[n - 1]))
        if antecedent is not None:
            mentions.append(_person(antecedent, pronoun.i, pronoun.i + 1, pronoun.text, None, "coref"))
            mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


__all__ = ["GROUP_PHRASES", "NOT_A_NAME", "PostFinder", "PostMention", "document_date", "role_mentions"]
