"""Helpers shared by the meeting probe modules (``test_meeting_probe2.py``, ``test_meeting_probe3.py``):
read a passage, and check its meetings, their persons, date, place, status and countries, and the
pairs that must not be found."""

from __future__ import annotations

from diplokg.corpus import Document, PartialDate
from diplokg.extract.document import extract_records

US = "https://w3id.org/diplokg/id/country/united-states"
MX = "https://w3id.org/diplokg/id/country/mexico"
ANY = object()


def read(nlp, ontology, text, published: PartialDate, title=None):
    """The records of ``text`` as a document published on ``published``."""
    document = Document(doc_id="q", file_name="q.txt", text=text, published=published, title=title)
    return extract_records(nlp(text), document, ontology)


def names_of(records):
    return {p.pid: p.names[0] for p in records.persons}


def met_pairs(records):
    names = names_of(records)
    return {frozenset(names[p] for p in pair) for m in records.meetings for pair in m.pairs}


def pairs(*items):
    return {frozenset(item.split(" | ")) for item in items}


def meeting(persons, date=ANY, place=ANY, status=ANY, countries=ANY):
    return (frozenset(persons.split(" | ")) if persons else frozenset(), date, place, status, countries)


def _matches(record, names, expected) -> bool:
    persons, date, place, status, countries = expected
    return ({names[p] for p in record.persons} == persons
            and (date is ANY or (record.date.isoformat() if record.date else None) == date)
            and (place is ANY or (record.place.label if record.place else None) == place)
            and (status is ANY or record.status == status)
            and (countries is ANY or set(countries) <= record.countries))


def describe(records, names):
    return [(sorted(names[p] for p in m.persons), m.date.isoformat() if m.date else None,
             m.place.label if m.place else None, m.status, sorted(c.rsplit("/", 1)[-1] for c in m.countries))
            for m in records.meetings]


def check(records, expected, count, wrong):
    names = names_of(records)
    for item in expected:
        assert any(_matches(m, names, item) for m in records.meetings), (item, describe(records, names))
    if count is not ANY:
        assert len(records.meetings) == count, describe(records, names)
    found = met_pairs(records)
    assert not wrong & found, sorted(tuple(sorted(p)) for p in wrong & found)
