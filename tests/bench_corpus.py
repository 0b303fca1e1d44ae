"""Small invented corpora from ``benchmarks/generate.py`` for build tests (not a test module)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generator():
    """The ``benchmarks/generate.py`` module."""
    spec = importlib.util.spec_from_file_location("diplokg_bench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def small_corpus(folder: Path, n: int = 4, seed: int = 11) -> Path:
    """Write ``n`` invented documents (with metadata.csv) into ``folder``."""
    return generator().generate(n, folder, seed)
