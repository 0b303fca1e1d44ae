"""Unchanged rebuilds: skip every stage when neither the inputs nor the outputs changed.

A build records in its cache folder (``build-manifest.pickle``) a key of everything its outputs
depend on (every document's cache key, which covers text, file name, metadata and pipeline
fingerprint; the source of the whole diplokg package; every file of the ontology folder; the
files skipped and warnings raised reading the corpus; the build options) together with the
SHA-256 of each output file and the build's result. A later build with the same key whose
output files still have those hashes returns the recorded result without loading the model,
resolving, rendering or writing anything. Any difference means a normal (cached) build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from .corpus import Corpus

MANIFEST_FILE = "build-manifest.pickle"
_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=8)
def _code_and_ontology_hash(ontology_dir: str | None) -> str:
    from .ontology import DEFAULT_ONTOLOGY_DIR

    digest = hashlib.sha256()
    folders = [(_PACKAGE, "diplokg"), (Path(ontology_dir) if ontology_dir else DEFAULT_ONTOLOGY_DIR, "ontology")]
    for root, label in folders:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"\0{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_key(corpus: Corpus, document_keys: list[str], ontology_dir: str | Path | None,
               options: dict[str, object]) -> str:
    """A hash of everything a build's outputs depend on."""
    digest = hashlib.sha256()
    digest.update(_code_and_ontology_hash(str(ontology_dir) if ontology_dir else None).encode())
    digest.update(repr(sorted(options.items())).encode())
    for key in document_keys:
        digest.update(key.encode())
    digest.update(repr([(s.file_name, s.reason) for s in corpus.skipped]).encode())
    digest.update(repr(list(corpus.warnings)).encode())
    return digest.hexdigest()


def _sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                else hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def unchanged_result(cache_dir: Path, key: str):
    """The recorded result of the last build when its key is ``key`` and its outputs are intact."""
    try:
        with (cache_dir / MANIFEST_FILE).open("rb") as handle:
            manifest = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("key") != key:
        return None
    for name, digest in manifest.get("outputs", {}).items():
        if _sha256(Path(name)) != digest:
            return None
    return manifest.get("result")


def record_build(cache_dir: Path, key: str, outputs: dict[Path, bytes | str], result) -> None:
    """Record ``key``, the hashes of the ``outputs`` just written (their bytes, or their SHA-256
    in hex when the caller has it) and ``result``."""
    manifest = {
        "key": key,
        "outputs": {str(Path(path).resolve()): data if isinstance(data, str) else hashlib.sha256(data).hexdigest()
                    for path, data in outputs.items()},
        "result": result,
    }
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".manifest-", dir=cache_dir)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(manifest, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, cache_dir / MANIFEST_FILE)
    except OSError:
        pass


def forget_build(cache_dir: Path) -> None:
    """Drop the manifest (the outputs are about to change)."""
    try:
        (cache_dir / MANIFEST_FILE).unlink()
    except OSError:
        pass
