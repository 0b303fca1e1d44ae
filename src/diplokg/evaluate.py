"""Score a diplokg graph against gold annotations (format ``diplokg-gold/1``).

The rules are those of ``eval/README.md`` ("Scoring rules"). The module is a library: it reads
an rdflib graph written with the contract's vocabulary (``dk:``/``dkr:``) and a gold dict, and
returns an :class:`Evaluation` with one :class:`Measure` per rule plus a per-document breakdown
(false positives and negatives as readable names) for debugging. It never prints.

Measures, in order: ``met``, ``persons``, ``nodes_per_person``, ``meetings``, ``meeting_dates``,
``topics``, ``commits``, ``commitments``, ``not_participants``.

Conventions shared by the precision/recall measures: ``tp`` counts the system items judged
right (the precision numerator: an item in the required *or* acceptable gold set), ``fp`` the
system items judged wrong, ``fn`` the required gold items not found and ``support`` the number of
required gold items, so ``precision = tp / (tp + fp)`` and ``recall = (support - fn) / support``.
A ratio whose denominator is zero is ``None`` (not applicable).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node
from unidecode import unidecode

from diplokg.errors import GoldFormatError
from diplokg.namespace import DK

GOLD_FORMAT = "diplokg-gold/1"
REQUIRED_KEYS: tuple[str, ...] = ("format", "countries", "topics", "persons", "documents")

#: Titles dropped from names before comparison (already accent-folded and lower-cased).
TITLE_PHRASES: tuple[str, ...] = (
    "president elect",
    "first lady",
    "first gentleman",
    "under secretary",
    "prime minister",
)
TITLE_WORDS: frozenset[str] = frozenset(
    """
    secretary president dr deputy acting foreign minister mr mrs ms miss mx general attorney
    advisor adviser ambassador vice assistant under undersecretary senator sen governor gov
    representative rep congressman congresswoman chancellor canciller commissioner director
    administrator admiral adm gen lt col colonel mayor sir madam dame prof professor hon
    honorable presidente secretario secretaria subsecretario subsecretaria lic licenciado
    licenciada sr sra don dona embajador embajadora gobernador gobernadora
    """.split()
)

#: Words that make a system agreement a likely match for the document's own (unnamed) statement.
STATEMENT_WORDS: frozenset[str] = frozenset({"statement", "declaration", "communique", "readout"})

MEASURE_NAMES: tuple[str, ...] = (
    "met",
    "persons",
    "nodes_per_person",
    "meetings",
    "meeting_dates",
    "topics",
    "commits",
    "commitments",
    "not_participants",
)

_SPACE_PUNCT = re.compile(r"[-\u2010-\u2015_/\\|]+")
_DROP_PUNCT = re.compile(r"[^0-9a-z\s]+")
_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------- results


@dataclass
class Measure:
    """One score. Ratios are floats in [0, 1] or ``None`` when not applicable."""

    name: str
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    value: float | None = None
    tp: int | None = None
    fp: int | None = None
    fn: int | None = None
    support: int | None = None
    note: str = ""


@dataclass
class Evaluation:
    """All measures (ordered as :data:`MEASURE_NAMES`) and a per-document breakdown."""

    measures: list[Measure] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def measure(self, name: str) -> Measure:
        """Return the measure called ``name`` (``KeyError`` if there is none)."""
        for m in self.measures:
            if m.name == name:
                return m
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict: ``{"measures": [...], "details": {...}}``."""
        return {"measures": [asdict(m) for m in self.measures], "details": self.details}


# --------------------------------------------------------------------------- gold


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and check a gold file; raise :class:`GoldFormatError` with a one-line message.

    >>> load_gold("/no/such/gold.json")
    Traceback (most recent call last):
    ...
    diplokg.errors.GoldFormatError: gold file not found: /no/such/gold.json
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldFormatError(f"gold file not found: {p}") from None
    except IsADirectoryError:
        raise GoldFormatError(f"gold path is a directory, not a file: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GoldFormatError(f"cannot read gold file {p}: {reason}") from None
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(
            f"gold file {p} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    validate_gold(gold, source=str(p))
    return gold


def validate_gold(gold: Any, source: str = "gold") -> None:
    """Check the ``diplokg-gold/1`` structure; raise :class:`GoldFormatError` when it is wrong."""
    if not isinstance(gold, dict):
        raise GoldFormatError(f"{source}: top level must be a JSON object")
    fmt = gold.get("format")
    if fmt != GOLD_FORMAT:
        raise GoldFormatError(f"{source}: format is {fmt!r}, expected {GOLD_FORMAT!r}")
    missing = [k for k in REQUIRED_KEYS if k not in gold]
    if missing:
        raise GoldFormatError(f"{source}: missing key(s): {', '.join(missing)}")
    for key in ("countries", "topics", "persons"):
        if not isinstance(gold[key], dict):
            raise GoldFormatError(f"{source}: '{key}' must be an object")
    if not isinstance(gold["documents"], list):
        raise GoldFormatError(f"{source}: 'documents' must be a list")
    for pid, person in gold["persons"].items():
        if not isinstance(person, dict) or not isinstance(person.get("key"), list):
            raise GoldFormatError(f"{source}: person {pid!r} needs a 'key' list")
    persons = gold["persons"]
    for i, doc in enumerate(gold["documents"]):
        if not isinstance(doc, dict) or not isinstance(doc.get("file"), str):
            raise GoldFormatError(f"{source}: document #{i} needs a 'file' string")
        for pid in _referenced_persons(doc):
            if pid not in persons:
                raise GoldFormatError(
                    f"{source}: document {doc['file']} refers to unknown person {pid!r}"
                )


def _referenced_persons(doc: dict[str, Any]) -> Iterator[str]:
    yield from doc.get("persons_required", [])
    yield from doc.get("not_participants", [])
    for m in doc.get("meetings", []):
        yield from m.get("participants", [])
        yield from m.get("optional_participants", [])
    met = doc.get("met", {}) or {}
    for kind in ("required", "acceptable"):
        for pair in met.get(kind, []):
            yield from pair


# --------------------------------------------------------------------------- normalisation


def normalize_text(text: str) -> str:
    """Accent-fold, lower-case, hyphens/slashes to spaces, other punctuation dropped.

    >>> normalize_text("U.S.-México  Joint Statement")
    'us mexico joint statement'
    """
    s = unidecode(text).lower()
    s = _SPACE_PUNCT.sub(" ", s)
    s = _DROP_PUNCT.sub("", s)
    return _WS.sub(" ", s).strip()


def normalize_name(name: str) -> str:
    """Normalise a person's name as :func:`normalize_text` does, and drop titles.

    >>> normalize_name("Secretary Andrés López")
    'andres lopez'
    >>> normalize_name("President-elect Andrés Manuel López Obrador")
    'andres manuel lopez obrador'
    """
    s = f" {normalize_text(name)} "
    for phrase in TITLE_PHRASES:
        s = s.replace(f" {phrase} ", " ")
    return " ".join(t for t in s.split() if t not in TITLE_WORDS)


def _contains_phrase(haystack: str, phrase: str) -> bool:
    """Whether normalised ``phrase`` occurs in normalised ``haystack`` on word boundaries."""
    return bool(phrase) and f" {phrase} " in f" {haystack} "


# --------------------------------------------------------------------------- graph helpers


def _label(graph: Graph, node: Node) -> str:
    """A readable name for a node: its rdfs:label, skos:prefLabel, or the IRI's last part."""
    for prop in (RDFS.label, SKOS.prefLabel):
        for o in graph.objects(node, prop):
            return str(o)
    s = str(node)
    return re.split(r"[/#]", s)[-1] or s


def _labels(graph: Graph, node: Node, props: Iterable[URIRef]) -> list[str]:
    return [str(o) for p in props for o in graph.objects(node, p) if isinstance(o, Literal)]


def _of_type(graph: Graph, cls: URIRef) -> set[Node]:
    return set(graph.subjects(RDF.type, cls))


def _documents_by_file(graph: Graph) -> dict[str, set[Node]]:
    out: dict[str, set[Node]] = {}
    for doc, name in graph.subject_objects(DK.fileName):
        out.setdefault(str(name), set()).add(doc)
    return out


def _nodes_from(graph: Graph, prop: URIRef, docs: set[Node], nodes: set[Node]) -> set[Node]:
    """The nodes of ``nodes`` that carry ``prop`` pointing at any of ``docs``."""
    return {n for d in docs for n in graph.subjects(prop, d) if n in nodes}


class _Mapper:
    """Maps system nodes (persons, countries, topics) to gold identifiers."""

    def __init__(self, graph: Graph, gold: dict[str, Any]) -> None:
        self.graph = graph
        self.gold = gold
        self._person_keys: dict[str, set[str]] = {}
        for pid, person in gold["persons"].items():
            tokens = {t for k in person.get("key", []) for t in normalize_name(str(k)).split()}
            if tokens:
                self._person_keys[pid] = tokens
        self._country_alias: dict[str, str] = {}
        for name, aliases in gold["countries"].items():
            for alias in [name, *aliases]:
                self._country_alias.setdefault(normalize_text(alias), name)
        self._topic_label: dict[str, str] = {}
        for tid, labels in gold["topics"].items():
            for lab in labels:
                self._topic_label.setdefault(normalize_text(lab), tid)
        self._person_cache: dict[Node, frozenset[str]] = {}

    def person_ids(self, node: Node) -> frozenset[str]:
        """Gold person ids a dk:Person node matches.

        A node matches a gold person when every key token is a token of its normalised
        rdfs:label or of one of its skos:altLabel values. When several gold persons match, only
        those with the longest key are kept (``["lopez", "obrador"]`` beats ``["lopez"]``).
        """
        if node in self._person_cache:
            return self._person_cache[node]
        names = _labels(self.graph, node, (RDFS.label, SKOS.altLabel))
        token_sets = [set(normalize_name(n).split()) for n in names]
        hits = {
            pid: len(key)
            for pid, key in self._person_keys.items()
            if any(key <= toks for toks in token_sets)
        }
        best = max(hits.values(), default=0)
        ids = frozenset(pid for pid, n in hits.items() if n == best)
        self._person_cache[node] = ids
        return ids

    def country(self, node: Node) -> str | None:
        """Canonical gold country name of a node, by its normalised rdfs:label (or altLabel)."""
        for lab in _labels(self.graph, node, (RDFS.label, SKOS.prefLabel, SKOS.altLabel)):
            hit = self._country_alias.get(normalize_text(lab))
            if hit is not None:
                return hit
        return None

    def topic(self, node: Node) -> str | None:
        """Gold topic id of a topic node, by its normalised skos:prefLabel or rdfs:label."""
        for lab in _labels(self.graph, node, (SKOS.prefLabel, RDFS.label)):
            hit = self._topic_label.get(normalize_text(lab))
            if hit is not None:
                return hit
        return None

    def person_name(self, pid: str) -> str:
        return str(self.gold["persons"].get(pid, {}).get("name", pid))


# --------------------------------------------------------------------------- arithmetic


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        # Nothing produced (p is None) and something missed (r == 0) is still a zero score.
        return 0.0 if (p == 0.0 or r == 0.0) else None
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(name: str, tp: int, fp: int, fn: int, support: int, note: str) -> Measure:
    p = _ratio(tp, tp + fp)
    r = _ratio(support - fn, support)
    return Measure(name, p, r, _f1(p, r), None, tp, fp, fn, support, note)


def _pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


# --------------------------------------------------------------------------- evaluation


def evaluate(graph: Graph, gold: dict[str, Any]) -> Evaluation:
    """Score ``graph`` against ``gold`` (a dict as returned by :func:`load_gold`).

    >>> from rdflib import Graph, Literal
    >>> from rdflib.namespace import RDF, RDFS
    >>> from diplokg.namespace import DK, DKR
    >>> g = Graph()
    >>> _ = g.add((DKR.d0, DK.fileName, Literal("a.txt")))
    >>> for p, name in ((DKR.p1, "Secretary Andrés López"), (DKR.p2, "Ana Ruiz")):
    ...     _ = g.add((p, RDF.type, DK.Person))
    ...     _ = g.add((p, RDFS.label, Literal(name)))
    ...     _ = g.add((p, DK.mentionedIn, DKR.d0))
    >>> _ = g.add((DKR.p1, DK.met, DKR.p2))
    >>> gold = {"format": "diplokg-gold/1", "countries": {}, "topics": {},
    ...         "persons": {"lopez": {"key": ["lopez"]}, "ruiz": {"key": ["ruiz"]}},
    ...         "documents": [{"file": "a.txt", "persons_required": ["lopez", "ruiz"],
    ...                        "met": {"required": [["lopez", "ruiz"]], "acceptable": []}}]}
    >>> ev = evaluate(g, gold)
    >>> ev.measure("met").f1, ev.measure("persons").recall, ev.measure("nodes_per_person").value
    (1.0, 1.0, 1.0)
    """
    validate_gold(gold)
    ctx = _Context(graph, gold)
    measures = [
        ctx.met(),
        *ctx.persons(),
        *ctx.meetings(),
        ctx.topics(),
        ctx.commits(),
        ctx.commitments(),
        ctx.not_participants(),
    ]
    assert [m.name for m in measures] == list(MEASURE_NAMES)
    return Evaluation(measures=measures, details=ctx.details)


class _Context:
    """State shared by the measures of one evaluation run."""

    def __init__(self, graph: Graph, gold: dict[str, Any]) -> None:
        self.graph = graph
        self.gold = gold
        self.map = _Mapper(graph, gold)
        self.docs_by_file = _documents_by_file(graph)
        self.person_nodes = _of_type(graph, DK.Person)
        self.meeting_nodes = _of_type(graph, DK.Meeting)
        self.agreement_nodes = _of_type(graph, DK.Agreement)
        self.commitment_nodes = _of_type(graph, DK.Commitment)
        self.details: dict[str, Any] = {"documents": {}}
        for doc in gold["documents"]:
            self.doc_details(doc)["in_graph"] = doc["file"] in self.docs_by_file
        # gold meeting index -> system meeting, per document (filled by meetings())
        self.meeting_matches: dict[str, list[tuple[dict[str, Any], Node]]] = {}

    # -- helpers

    def doc_details(self, doc: dict[str, Any]) -> dict[str, Any]:
        return self.details["documents"].setdefault(doc["file"], {})

    def doc_nodes(self, doc: dict[str, Any]) -> set[Node]:
        return self.docs_by_file.get(doc["file"], set())

    def meetings_of(self, doc: dict[str, Any]) -> set[Node]:
        return _nodes_from(self.graph, DK.source, self.doc_nodes(doc), self.meeting_nodes)

    def participant_ids(self, meeting: Node) -> set[str]:
        ids: set[str] = set()
        for p in self.graph.objects(meeting, DK.participant):
            if p in self.person_nodes:
                ids |= self.map.person_ids(p)
        return ids

    def pair_names(self, pair: frozenset[str]) -> str:
        return " – ".join(sorted(self.map.person_name(p) for p in pair))

    # -- met

    def met(self) -> Measure:
        """Precision over the system's dk:met pairs (any document), recall over ``required``."""
        required: set[frozenset[str]] = set()
        acceptable: set[frozenset[str]] = set()
        for doc in self.gold["documents"]:
            met = doc.get("met", {}) or {}
            required |= {_pair(*p) for p in met.get("required", []) if len(set(p)) == 2}
            acceptable |= {_pair(*p) for p in met.get("acceptable", []) if len(set(p)) == 2}
        right = required | acceptable

        node_pairs = {
            frozenset((a, b))
            for a, b in self.graph.subject_objects(DK.met)
            if a != b and a in self.person_nodes and b in self.person_nodes
        }
        mapped: set[frozenset[str]] = set()  # distinct gold pairs the system asserts
        unmapped: list[str] = []  # node pairs that map to no pair of two gold persons
        for np in sorted(node_pairs, key=lambda s: sorted(map(str, s))):
            a, b = sorted(np, key=str)
            cands = {
                _pair(x, y)
                for x in self.map.person_ids(a)
                for y in self.map.person_ids(b)
                if x != y
            }
            if not cands:
                unmapped.append(f"{_label(self.graph, a)} – {_label(self.graph, b)}")
                continue
            best = sorted(cands & required, key=sorted) or sorted(cands & right, key=sorted)
            mapped.add(best[0] if best else sorted(cands, key=sorted)[0])

        tp_pairs = mapped & right
        fp_pairs = mapped - right
        fn_pairs = required - mapped
        self.details["met"] = {
            "false_positives": sorted(self.pair_names(p) for p in fp_pairs) + sorted(unmapped),
            "false_negatives": sorted(self.pair_names(p) for p in fn_pairs),
        }
        return _prf(
            "met",
            len(tp_pairs),
            len(fp_pairs) + len(unmapped),
            len(fn_pairs),
            len(required),
            "pairs over the whole graph; right if required or acceptable in any document",
        )

    # -- persons

    def persons(self) -> list[Measure]:
        """Recall of ``persons_required`` per document, and nodes per gold person."""
        tp = fn = 0
        for doc in self.gold["documents"]:
            nodes = _nodes_from(self.graph, DK.mentionedIn, self.doc_nodes(doc), self.person_nodes)
            found_ids = set().union(*(self.map.person_ids(n) for n in nodes)) if nodes else set()
            missing = [p for p in doc.get("persons_required", []) if p not in found_ids]
            n_req = len(doc.get("persons_required", []))
            tp += n_req - len(missing)
            fn += len(missing)
            self.doc_details(doc)["persons_missing"] = [self.map.person_name(p) for p in missing]
        recall = Measure(
            "persons",
            recall=_ratio(tp, tp + fn),
            tp=tp,
            fn=fn,
            support=tp + fn,
            note="recall only: required persons found with dk:mentionedIn the document",
        )

        nodes_of: dict[str, set[Node]] = {}
        for node in self.person_nodes:
            for pid in self.map.person_ids(node):
                nodes_of.setdefault(pid, set()).add(node)
        counts = [len(v) for v in nodes_of.values()]
        self.details["split_persons"] = {
            self.map.person_name(pid): sorted(_label(self.graph, n) for n in nodes)
            for pid, nodes in sorted(nodes_of.items())
            if len(nodes) > 1
        }
        npp = Measure(
            "nodes_per_person",
            value=(sum(counts) / len(counts)) if counts else None,
            support=len(counts),
            note="mean dk:Person nodes per gold person found anywhere (1.0 is ideal)",
        )
        return [recall, npp]

    # -- meetings and dates

    def _match_meetings(
        self, doc: dict[str, Any], system: list[Node]
    ) -> list[tuple[dict[str, Any], Node]]:
        gold_meetings = doc.get("meetings", [])
        parts = {m: self.participant_ids(m) for m in system}
        scored: list[tuple[int, int, int, str, dict[str, Any], Node]] = []
        for gi, gm in enumerate(gold_meetings):
            req = set(gm.get("participants", []))
            opt = set(gm.get("optional_participants", []))
            if not req:
                continue
            for sm in system:
                r = len(parts[sm] & req)
                if r >= 1:
                    scored.append((-r, -len(parts[sm] & opt), gi, str(sm), gm, sm))
        scored.sort(key=lambda t: t[:4])
        used_gold: set[int] = set()
        used_sys: set[Node] = set()
        matches: list[tuple[dict[str, Any], Node]] = []
        for _, _, gi, _, gm, sm in scored:
            if gi in used_gold or sm in used_sys:
                continue
            used_gold.add(gi)
            used_sys.add(sm)
            matches.append((gm, sm))
        # Gold meetings without participants take any remaining system meeting.
        for gi, gm in enumerate(gold_meetings):
            if gm.get("participants"):
                continue
            opt = set(gm.get("optional_participants", []))
            rest = [sm for sm in system if sm not in used_sys]
            if not rest:
                break
            sm = min(rest, key=lambda s: (-len(parts[s] & opt), str(s)))
            used_gold.add(gi)
            used_sys.add(sm)
            matches.append((gm, sm))
        return matches

    def meetings(self) -> list[Measure]:
        """One-to-one meeting matching by participant overlap, then exact date accuracy."""
        n_match = n_sys = n_gold = 0
        dates_right = dates_support = 0
        for doc in self.gold["documents"]:
            system = sorted(self.meetings_of(doc), key=str)
            gold_meetings = doc.get("meetings", [])
            matches = self._match_meetings(doc, system)
            self.meeting_matches[doc["file"]] = matches
            n_match += len(matches)
            n_sys += len(system)
            n_gold += len(gold_meetings)
            matched_sys = {sm for _, sm in matches}
            matched_gold = {id(gm) for gm, _ in matches}
            date_rows = []
            for gm, sm in matches:
                if gm.get("date") is None:
                    continue
                sys_dates = sorted({str(d) for d in self.graph.objects(sm, DK.date)})
                ok = sys_dates == [str(gm["date"])]
                dates_support += 1
                dates_right += ok
                date_rows.append(
                    {"gold": gm.get("id"), "expected": gm["date"], "got": sys_dates, "ok": ok}
                )
            self.doc_details(doc)["meetings"] = {
                "matched": [[gm.get("id"), _label(self.graph, sm)] for gm, sm in matches],
                "unmatched_gold": [
                    gm.get("id", i) for i, gm in enumerate(gold_meetings) if id(gm) not in matched_gold
                ],
                "unmatched_system": [_label(self.graph, s) for s in system if s not in matched_sys],
            }
            self.doc_details(doc)["meeting_dates"] = date_rows
        p, r = _ratio(n_match, n_sys), _ratio(n_match, n_gold)
        meetings = Measure(
            "meetings",
            p,
            r,
            _f1(p, r),
            tp=n_match,
            fp=n_sys - n_match,
            fn=n_gold - n_match,
            support=n_gold,
            note="one-to-one by participant overlap within each document",
        )
        dates = Measure(
            "meeting_dates",
            value=_ratio(dates_right, dates_support),
            tp=dates_right,
            fp=dates_support - dates_right,
            support=dates_support,
            note="accuracy over matched meetings with a gold date; dk:date must equal it exactly",
        )
        return [meetings, dates]

    # -- topics

    def topics(self) -> Measure:
        """Topics discussed at each document's meetings vs the gold meetings' topics."""
        tp = fp = fn = support = 0
        names = self.gold["topics"]
        for doc in self.gold["documents"]:
            required: set[str] = set()
            acceptable: set[str] = set()
            for gm in doc.get("meetings", []):
                required |= set(gm.get("topics", []))
                acceptable |= set(gm.get("optional_topics", []))
            acceptable |= required
            sys_ids: set[str] = set()
            unmapped: set[str] = set()
            for m in self.meetings_of(doc):
                for t in self.graph.subjects(DK.discussedAt, m):
                    tid = self.map.topic(t)
                    if tid is None:
                        unmapped.add(_label(self.graph, t))
                    else:
                        sys_ids.add(tid)
            wrong = sys_ids - acceptable
            missed = required - sys_ids
            tp += len(sys_ids & acceptable)
            fp += len(wrong) + len(unmapped)
            fn += len(missed)
            support += len(required)

            def label(tid: str) -> str:
                return str((names.get(tid) or [tid])[0])

            self.doc_details(doc)["topics"] = {
                "false_positives": sorted(map(label, wrong)) + sorted(unmapped),
                "false_negatives": sorted(map(label, missed)),
            }
        return _prf(
            "topics",
            tp,
            fp,
            fn,
            support,
            "micro over documents; precision also accepts optional_topics",
        )

    # -- agreements and commits

    def _match_agreements(
        self, doc: dict[str, Any], system: list[Node]
    ) -> list[tuple[dict[str, Any], Node]]:
        labels = {
            a: [normalize_text(x) for x in _labels(self.graph, a, (RDFS.label, SKOS.altLabel))]
            for a in system
        }

        def alias_score(ga: dict[str, Any], a: Node) -> int:
            phrases = [normalize_text(str(x)) for x in ga.get("aliases", []) or []]
            if ga.get("name"):
                phrases.append(normalize_text(str(ga["name"])))
            hits = [len(ph) for ph in phrases for lab in labels[a] if _contains_phrase(lab, ph)]
            return max(hits, default=0)

        gold_agreements = doc.get("agreements", [])
        used_gold: set[int] = set()
        used_sys: set[Node] = set()
        matches: list[tuple[dict[str, Any], Node]] = []

        def assign(candidates: list[tuple[Any, ...]]) -> None:
            for *_, gi, a in sorted(candidates, key=lambda c: c[:-1]):
                if gi in used_gold or a in used_sys:
                    continue
                used_gold.add(gi)
                used_sys.add(a)
                matches.append((gold_agreements[gi], a))

        # 1. named gold agreements, by the longest alias phrase found in a system label
        named = [(gi, ga) for gi, ga in enumerate(gold_agreements) if not ga.get("unnamed")]
        assign(
            [
                (-s, gi, str(a), gi, a)
                for gi, ga in named
                for a in system
                if (s := alias_score(ga, a)) > 0
            ]
        )
        # 2. unnamed gold agreements (the document's own statement) take any remaining one,
        #    preferring an alias match, then a label with statement/declaration words
        for gi, ga in enumerate(gold_agreements):
            if not ga.get("unnamed"):
                continue
            rest = [a for a in system if a not in used_sys]
            if not rest:
                break
            assign(
                [
                    (
                        -alias_score(ga, a),
                        -any(set(lab.split()) & STATEMENT_WORDS for lab in labels[a]),
                        str(a),
                        gi,
                        a,
                    )
                    for a in rest
                ]
            )
        return matches

    def commits(self) -> Measure:
        """dk:commits countries of matched agreements vs gold ``commits``/``optional_commits``."""
        tp = fp = fn = support = 0
        for doc in self.gold["documents"]:
            system = sorted(
                _nodes_from(self.graph, DK.source, self.doc_nodes(doc), self.agreement_nodes),
                key=str,
            )
            matches = self._match_agreements(doc, system)
            matched_sys = {a for _, a in matches}
            matched_gold = {id(ga) for ga, _ in matches}
            rows: list[dict[str, Any]] = []
            for ga, a in matches:
                got = self._committed(a)
                req = set(ga.get("commits", []))
                ok = req | set(ga.get("optional_commits", []))
                tp += len(got & ok)
                fp += len(got - ok)
                fn += len(req - got)
                support += len(req)
                rows.append(
                    {
                        "gold": ga.get("id") or ga.get("name"),
                        "system": _label(self.graph, a),
                        "false_positives": sorted(got - ok),
                        "false_negatives": sorted(req - got),
                    }
                )
            for a in system:
                if a not in matched_sys:
                    got = self._committed(a)
                    fp += len(got)
                    rows.append(
                        {"gold": None, "system": _label(self.graph, a), "false_positives": sorted(got)}
                    )
            for ga in doc.get("agreements", []):
                if id(ga) in matched_gold or ga.get("optional"):
                    continue
                req = set(ga.get("commits", []))
                fn += len(req)
                support += len(req)
                rows.append(
                    {"gold": ga.get("id") or ga.get("name"), "system": None,
                     "false_negatives": sorted(req)}
                )
            self.doc_details(doc)["commits"] = rows
        return _prf(
            "commits",
            tp,
            fp,
            fn,
            support,
            "agreements matched by alias, unnamed last; unmatched optional gold agreements ignored",
        )

    def _committed(self, agreement: Node) -> set[str]:
        """Gold country names an agreement dk:commits (unknown countries by their own label)."""
        out: set[str] = set()
        for c in self.graph.objects(agreement, DK.commits):
            name = self.map.country(c)
            out.add(name if name is not None else f"?{_label(self.graph, c)}")
        return out

    # -- commitments

    def commitments(self) -> Measure:
        """Recall of gold commitments: key phrases in dk:text and the right dk:party set."""
        found = missed = 0
        both = {"United States", "Mexico"}
        for doc in self.gold["documents"]:
            clauses = []
            for c in sorted(
                _nodes_from(self.graph, DK.source, self.doc_nodes(doc), self.commitment_nodes),
                key=str,
            ):
                texts = [normalize_text(str(t)) for t in self.graph.objects(c, DK.text)]
                parties = {self.map.country(p) for p in self.graph.objects(c, DK.party)}
                clauses.append((texts, parties))
            missing = []
            for gc in doc.get("commitments", []):
                keys = [normalize_text(str(k)) for k in gc.get("key", [])]
                party = gc.get("party")

                def party_ok(parties: set[str | None]) -> bool:
                    if party == "both":
                        return both <= parties
                    return parties == {party}

                hit = any(
                    party_ok(parties)
                    and any(all(_contains_phrase(t, k) for k in keys) for t in texts)
                    for texts, parties in clauses
                )
                found += hit
                if not hit:
                    missed += 1
                    missing.append(f"{party}: {', '.join(gc.get('key', []))}")
            self.doc_details(doc)["commitments_missing"] = missing
        return Measure(
            "commitments",
            recall=_ratio(found, found + missed),
            tp=found,
            fn=missed,
            support=found + missed,
            note="recall only; party 'both' = parties include United States and Mexico",
        )

    # -- not participants

    def not_participants(self) -> Measure:
        """Count persons listed in ``not_participants`` who appear as meeting participants."""
        count = 0
        for doc in self.gold["documents"]:
            present: set[str] = set()
            for m in self.meetings_of(doc):
                present |= self.participant_ids(m)
            wrong = [p for p in doc.get("not_participants", []) if p in present]
            count += len(wrong)
            self.doc_details(doc)["wrong_participants"] = [self.map.person_name(p) for p in wrong]
        support = sum(len(d.get("not_participants", [])) for d in self.gold["documents"])
        return Measure(
            "not_participants",
            value=float(count),
            fp=count,
            support=support,
            note="persons who must not be participants but are (0 is ideal)",
        )
