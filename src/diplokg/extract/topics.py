"""Topic mentions from the SKOS topic scheme's preferred and alternative labels.

Labels match case-insensitively. Two-word labels also match inside coordinations, so that
"human smuggling and trafficking" finds Human smuggling and Human trafficking, and
"drug and arms trafficking" finds Drug trafficking and Arms trafficking.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from ..ontology import Ontology, load_ontology

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
        self.coordinated = Matcher(nlp.vocab)
        for topic in ontology.topics.values():
            labels = {topic.label, *topic.alt_labels}
            self.phrases.add(topic.iri, [nlp.make_doc(label) for label in sorted(labels)])
            for label in sorted(labels):
                words = label.lower().split()
                if len(words) != 2:
                    continue
                modifier, head = words
                # "human smuggling and trafficking" -> human trafficking
                self.coordinated.add(
                    topic.iri,
                    [[{"LOWER": modifier}, {"IS_ALPHA": True}, {"LOWER": {"IN": COORDINATORS}},
                      {"LOWER": head}]],
                )
                # "drug and arms trafficking" -> drug trafficking
                self.coordinated.add(
                    topic.iri,
                    [[{"LOWER": modifier}, {"LOWER": {"IN": COORDINATORS}}, {"IS_ALPHA": True},
                      {"LOWER": head}]],
                )

    def __call__(self, doc: Doc) -> list[TopicMention]:
        phrases = {(start, end, doc.vocab.strings[mid]) for mid, start, end in self.phrases(doc)}
        coordinated = {(start, end, doc.vocab.strings[mid]) for mid, start, end in self.coordinated(doc)}
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
