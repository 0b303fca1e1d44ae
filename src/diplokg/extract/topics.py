"""Topic mentions from the SKOS topic scheme's preferred and alternative labels.

Labels match case-insensitively. Two-word labels also match inside coordinations, so that
"human smuggling and trafficking" finds Human smuggling and Human trafficking, and
"drug and arms trafficking" finds Drug trafficking and Arms trafficking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..ontology import Ontology, load_ontology
from .tokentable import token_table

COORDINATORS = ["and", "or", ","]


@dataclass(frozen=True)
class TopicMention:
    start: int
    end: int
    topic: str  # topic IRI
    text: str


class TopicFinder:
    """Finds topic mentions in a ``Doc``; see :func:`make_topics_component`."""

    def __init__(self, nlp: Language, ontology: Ontology):
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        #: (modifier, head) of every two-word label -> its topics
        self.pairs: dict[tuple[str, str], list[str]] = {}
        for topic in ontology.topics.values():
            labels = sorted({topic.label, *topic.alt_labels})
            self.phrases.add(topic.iri, [nlp.make_doc(label) for label in labels])
            for label in labels:
                words = label.lower().split()
                if len(words) == 2:
                    self.pairs.setdefault((words[0], words[1]), []).append(topic.iri)
        modifiers = sorted({modifier for modifier, _ in self.pairs})
        heads = sorted({head for _, head in self.pairs})
        # two patterns for all labels (one per label made the Matcher the slowest rule):
        # "human smuggling and trafficking" -> human trafficking,
        # "drug and arms trafficking" -> drug trafficking; the pair is checked in __call__
        self.coordinated = Matcher(nlp.vocab)
        self.coordinated.add("COORDINATED", [
            [{"LOWER": {"IN": modifiers}}, {"IS_ALPHA": True}, {"LOWER": {"IN": COORDINATORS}},
             {"LOWER": {"IN": heads}}],
            [{"LOWER": {"IN": modifiers}}, {"LOWER": {"IN": COORDINATORS}}, {"IS_ALPHA": True},
             {"LOWER": {"IN": heads}}],
        ])

    def __call__(self, doc: Doc) -> list[TopicMention]:
        phrases = {(start, end, doc.vocab.strings[mid]) for mid, start, end in self.phrases(doc)}
        coordinated = {
            (start, end, topic) for _, start, end in self.coordinated(doc)
            for topic in self.pairs.get((doc[start].lower_, doc[end - 1].lower_), ())
        }
        # a label inside a longer label of another topic ("trade" in "drug trade") does not count
        kept = {
            (start, end, topic) for start, end, topic in phrases
            if not any(s <= start and end <= e and (e - s) > (end - start) and t != topic
                       for s, e, t in phrases)
        } | coordinated
        return [
            TopicMention(start, end, topic, doc[start:end].text)
            for start, end, topic in sorted(kept)
        ]


#: Infrastructure labels that name a place: "seized at the ports of entry" situates an event,
#: "modernize ports of entry" is about the infrastructure.
FACILITY_LABELS = {
    "ports of entry", "port of entry", "land ports of entry", "international bridges", "bridges",
    "railways", "highways", "border crossing", "border crossings",
}
#: Words that make the facility after them a place visited: "toured the port of entry",
#: "visited Laredo's bridges", "inspected the crossing" (verbs and nouns of a visit).
VISIT_WORD = re.compile(r"^(?:tour|visit|inspect)(?:s|ed|ing)?$")
#: Movement before "to/from/in/into/of": "traveled to", "flew to", "arriving in", "a tour of".
MOTION_WORD = re.compile(
    r"^(?:travel(?:s|ed|led|ing|ling)?|go|goes|went|going|gone|fl(?:y|ew|ies|ying|own)|dr(?:ive|ove|ives|iving|iven)|"
    r"arriv(?:e|es|ed|ing|al)|return(?:s|ed|ing)?|head(?:s|ed|ing)?|came|come|comes|coming|trips?|"
    r"stop(?:s|ped|ping)?|walk(?:s|ed|ing)?|tour(?:s|ed|ing)?|visit(?:s|ed|ing)?|moved?)$"
)
MOTION_PREPOSITIONS = {"to", "from", "in", "into", "of"}
#: Quantities before "of" that keep the facility in view: "one of the bridges".
_PARTITIVE = {"one", "two", "three", "some", "each", "all", "many", "several", "any", "both", "most"}
#: Prepositions that make a facility a location ("at", "through", "via", "along" the port).
LOCATIVE = {"at", "through", "via", "across", "along", "near", "between"}
#: Words that may stand between the preposition and the facility ("at the busiest land ...").
_LOCATIVE_FILLER = {
    "the", "a", "an", "its", "their", "our", "his", "her", "these", "those", "both", "all",
    "several", "two", "three", "four", "key", "main", "major", "busiest", "official", "land",
    "northern", "southern", "designated", "'s", "-",
}
_FILLER_POS = {"DET", "ADJ", "PROPN", "NUM", "PART"}


def is_locative(doc: Doc, mention: TopicMention) -> bool:
    """Whether a facility label stands as a place ("at the Laredo ports of entry",
    "smuggled through ports of entry", "toured the port of entry", "traveled to the port of
    entry", "a tour of the bridges") rather than as the subject of the text ("modernize the
    ports of entry", "invest in ports of entry")."""
    if mention.text.lower() not in FACILITY_LABELS:
        return False
    lowers = token_table(doc).lowers
    i = mention.start - 1
    for _ in range(6):
        if i < 0:
            return False
        lower = lowers[i]
        if lower in LOCATIVE or VISIT_WORD.match(lower):
            return True
        if lower in MOTION_PREPOSITIONS:
            if lower == "of" and i > 0 and lowers[i - 1] in _PARTITIVE:  # "walked across one of the bridges"
                i -= 2
                continue
            return i > 0 and MOTION_WORD.match(lowers[i - 1]) is not None
        token = doc[i]
        if not (lower in _LOCATIVE_FILLER or token.pos_ in _FILLER_POS
                or (token.text[:1].isupper() and token.is_alpha)):
            return False
        i -= 1
    return False


def mask_mentions(
    doc: Doc, mentions: list[TopicMention], names: list[tuple[int, int]],
    keep_heads: frozenset[str] = frozenset(),
) -> list[TopicMention]:
    """``mentions`` without those that do not signal a topic: a label inside a name
    (token span in ``names``: an agreement, an agency, a job title), unless the label covers a
    word of ``keep_heads`` (the label names the agreement itself: "Merida Initiative"), and a
    facility label used as a place (:func:`is_locative`)."""
    kept = []
    places = [(t.start, t.end) for t in mentions if is_locative(doc, t)]
    for t in mentions:
        inside = [(s, e) for s, e in names if s <= t.start and t.end <= e and (e - s) > (t.end - t.start)]
        if inside and not any(doc[k].lower_ in keep_heads for k in range(t.start, t.end)):
            continue
        if any(s <= t.start and t.end <= e for s, e in places):  # "bridges" of "the international bridges"
            continue
        kept.append(t)
    return kept


if not Doc.has_extension("topics"):
    Doc.set_extension("topics", default=None)


@Language.factory(
    "diplokg_topics", default_config={"ontology_dir": None}, assigns=["doc._.topics"]
)
def make_topics_component(nlp: Language, name: str, ontology_dir: str | None):
    """``doc._.topics``: the :class:`TopicMention` list of the document."""
    finder = TopicFinder(nlp, load_ontology(ontology_dir))

    def topics_component(doc: Doc) -> Doc:
        doc._.topics = finder(doc)
        return doc

    return topics_component
