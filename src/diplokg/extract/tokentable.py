"""Per-document token facts read once: the rules scan every token many times, and building a
spaCy ``Token`` for each look is the slowest part of them."""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.attrs import IDX, LEMMA, LENGTH
from spacy.tokens import Doc, Span

_INITIAL = re.compile(r"[A-Z]\.")
_KEY = "diplokg.tokens"
_LEMMAS_KEY = "diplokg.lemmas"


class TokenTable(NamedTuple):
    text: str  # doc.text
    texts: list[str]  # token.text
    lowers: list[str]  # token.lower_
    caps: list[bool]  # capitalised and containing a letter ("Ana", "U.S.", "McAllen")
    name_words: list[bool]  # capitalised or an initial ("M.")


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, computed on first use and kept in ``doc.user_data``
    (tokenization never changes after the tokenizer, so it stays valid through the pipeline).

    >>> from spacy.lang.en import English
    >>> token_table(English()("Ana M. Ruiz met them")).name_words
    [True, True, True, False, False]
    """
    table = doc.user_data.get(_KEY)
    if table is None:
        text = doc.text
        texts = [text[start:start + length] for start, length in doc.to_array([IDX, LENGTH]).tolist()]
        caps = [word[:1].isupper() and any(c.isalpha() for c in word) for word in texts]
        table = doc.user_data[_KEY] = TokenTable(
            text, texts, [word.lower() for word in texts], caps,
            [cap or bool(_INITIAL.fullmatch(word)) for word, cap in zip(texts, caps)],
        )
    return table


def lemma_lowers(doc: Doc) -> list[str]:
    """``token.lemma_.lower()`` of every token of ``doc``, read once (call it only after the
    lemmatizer: unlike the :class:`TokenTable`, the list is kept from its first use on).

    >>> from spacy.lang.en import English
    >>> doc = English()("Talks began")
    >>> doc[0].lemma_ = "Talk"
    >>> lemma_lowers(doc)
    ['talk', '']
    """
    lemmas = doc.user_data.get(_LEMMAS_KEY)
    if lemmas is None:
        strings = doc.vocab.strings
        lemmas = doc.user_data[_LEMMAS_KEY] = [strings[h].lower() for h in doc.to_array([LEMMA]).tolist()]
    return lemmas


def span_text(span: Span) -> str:
    """``span.text``, sliced from the document text instead of joined token by token.

    >>> from spacy.lang.en import English
    >>> doc = English()("The delegations met.  Then they left.")
    >>> span_text(doc[2:5]) == doc[2:5].text
    True
    """
    return token_table(span.doc).text[span.start_char:span.end_char]
