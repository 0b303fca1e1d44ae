"""Shared fixtures: a rule-only pipeline (no trained model) and the full pipeline, built once."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from diplokg.extract.pipeline import add_rule_components, load_pipeline
from diplokg.ontology import load_ontology

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = ROOT.parent / "shared" / "eval" / "seed-gold.json"


@pytest.fixture(scope="session")
def ontology():
    return load_ontology()


@pytest.fixture(scope="session")
def rule_nlp():
    """Tokenizer, sentence rules and diplokg's rule components only: no trained model."""
    return add_rule_components(spacy.blank("en"))


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_graph_dir(tmp_path_factory):
    """The seed corpus built once (validated, no cache) for tests that only read its output."""
    from diplokg.build import build

    out = tmp_path_factory.mktemp("seed-graph")
    result = build(ROOT / "corpus", out, use_cache=False)
    return result, out
