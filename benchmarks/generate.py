"""Generate a benchmark corpus: N invented readouts, travel announcements and joint statements.

The documents imitate ``corpus/`` (web boilerplate, readouts of meetings, joint statements with
commitment clauses) and vary everything the pipeline reads: invented and gazetteer names, posts,
countries, cities, dates, topics, commitments and boilerplate. Document ``i`` depends only on
``(seed, i)``, so the corpus of size N is a prefix of the corpus of any larger size, and
``document(seed, N)`` is "one more document" for incremental-build measurements.

    .venv/bin/python benchmarks/generate.py --n 2000 --out /tmp/bench-corpus [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FIRST = (
    "Daniel Carla Peter Elena Irene Mark Victor Lucía Samuel Gloria Andrea Tomás Rebecca Marcus "
    "Julia Hector Sofía Nathan Claire Ramón Teresa Oliver Beatriz Graham Paula Ignacio Helen "
    "Arturo Miriam Felipe Diane Esteban Laura Gustavo Naomi Raúl Alicia Dennis Valeria Owen "
    "Patricia Rodrigo Susan Joaquín Ellen Martín Karen Emilio Rachel Adrián Sarah Leonardo "
    "Margaret Ernesto Janet Alberto Monica Francisco Linda Jorge Denise Ricardo Carolyn Mateo"
).split()
LAST = (
    "Okafor Whitfield Vance Salas Doyle Hale Ferreira Ibarra Penn Morales Castañeda Brennan "
    "Lindqvist Arriaga Whitaker Montoya Caldwell Villalobos Harrington Quintero Sutherland "
    "Echeverría Pryce Zavala Holloway Cárdenas Merritt Galindo Ashford Benavides Kessler "
    "Solórzano Thornton Barragán Langley Fuentes Radcliffe Olivares Stanton Cisneros Prescott "
    "Bautista Winslow Trujillo Hargrove Medrano Fairbanks Urquidi Pemberton Saldívar Crowley "
    "Navarro Ellison Ocampo Beckett Robles Garland Espinosa Mercer Alcántara Dunmore Tapia"
).split()
SECOND_LAST = "Durán Alba Cantú Rivas Lozano Peña Ortega Silva Campos Vega Mejía Rosales".split()

US_POSTS = (
    "Secretary of State", "Secretary of Homeland Security", "Attorney General",
    "Deputy Secretary of State", "Homeland Security Advisor", "Deputy Attorney General",
    "Assistant Secretary of State for Western Hemisphere Affairs", "Ambassador",
    "Secretary of Defense", "Administrator of the Drug Enforcement Administration",
    "Acting Deputy Secretary of Homeland Security", "Under Secretary of State",
)
MX_POSTS = (
    "Foreign Secretary", "Secretary of Security and Citizen Protection", "Secretary of Governance",
    "Attorney General", "Secretary of National Defense", "Undersecretary for North America",
    "Ambassador", "Secretary of the Navy", "Governor",
)
OTHER_POSTS = ("Foreign Minister", "Minister of Security", "President", "Vice President")
TOPICS = (
    "illicit fentanyl", "arms trafficking", "migration", "human smuggling", "border security",
    "money laundering", "transnational criminal organizations", "synthetic drugs",
    "precursor chemicals", "public health", "human trafficking", "the root causes of migration",
    "asylum", "law enforcement cooperation", "firearms trafficking", "cybersecurity",
    "extradition", "organized crime", "economic development", "refugee protection",
)
ACTIONS = (
    "strengthen information sharing", "expand joint investigations", "disrupt the supply of precursor chemicals",
    "increase inspections at ports of entry", "train border officials", "share forensic data",
    "coordinate extradition requests", "reduce illegal firearms flows", "expand legal pathways for migrants",
    "invest in development programs", "dismantle smuggling networks", "improve port security",
    "modernize infrastructure at the border", "protect vulnerable migrants", "track illicit finance",
)
AGREEMENT_KINDS = ("Framework", "Memorandum of Understanding", "Action Plan", "Joint Declaration", "Strategy")
AGREEMENT_THEMES = (
    "Security Cooperation", "Border Management", "Migration and Protection", "Public Health and Safe Communities",
    "Counternarcotics", "Arms Trafficking", "Regional Development", "Law Enforcement Partnership",
)
INVENTED_CITIES = (
    ("Puerto Ameca", "Mexico"), ("San Telmo de la Sierra", "Mexico"), ("Villa Rosales", "Mexico"),
    ("Laredo Norte", "Mexico"), ("Fort Carrow", "United States"), ("New Baxter", "United States"),
    ("Santa Irene", "Guatemala"), ("Puerto Lempa", "Honduras"), ("Ciudad Olmeca", "Mexico"),
)
BOILERPLATE = (
    "An official website of the United States government\n\nHere's how you know\n\n",
    "Skip to main content\n\nHome\n\nNews\n\nPress Releases\n\n",
    "Breadcrumb\n\n  1. Home\n  2. News\n  3. Readouts\n\n",
    "",
)
FOOTERS = (
    "\n\nRelated Articles\n\nSecretary {x} Travels to {c}\n\nREAD MORE\n",
    "\n\nSHARE:\n\nTAGS:\n\nNo tags to display\n\nCOMMENTS\n",
    "\n\n###\n",
    "",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[tuple[str, str]]]:
    """Gazetteer labels (persons with their country, cities with their country, countries)."""
    from rdflib import RDF, RDFS, Graph, Namespace

    dk = Namespace("https://w3id.org/diplokg/ontology#")
    graph = Graph().parse(ROOT / "ontology" / "gazetteer.ttl")

    def label(node) -> str:
        return str(graph.value(node, RDFS.label) or "")

    def rows(cls, link) -> list[tuple[str, str]]:
        return sorted((label(s), label(graph.value(s, link)) if graph.value(s, link) else "")
                      for s in graph.subjects(RDF.type, cls))

    return {
        "persons": rows(dk.Person, dk.country),
        "cities": rows(dk.City, dk.locatedIn),
        "countries": [(c, "") for c, _ in rows(dk.Country, dk.memberOf)],
    }


def _person(rng: random.Random, country: str) -> tuple[str, str]:
    """(post, name) of an invented or gazetteer person of ``country``."""
    known = [name for name, c in gazetteer()["persons"] if c == country]
    if known and rng.random() < 0.3:
        name = rng.choice(known)
    else:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if country != "United States" and rng.random() < 0.5:
            name += f" {rng.choice(SECOND_LAST)}"
    posts = US_POSTS if country == "United States" else MX_POSTS if country == "Mexico" else OTHER_POSTS
    return rng.choice(posts), name


def _place(rng: random.Random, country: str) -> str:
    cities = [c for c, where in gazetteer()["cities"] if where == country]
    if cities and rng.random() < 0.6:
        return rng.choice(cities)
    invented = [c for c, where in INVENTED_CITIES if where == country]
    return rng.choice(invented) if invented else country


def _day(day: date) -> str:
    return f"{day:%B} {day.day}"


def document(seed: int, index: int) -> tuple[str, dict[str, str]]:
    """The text and metadata row of document ``index`` (depends only on seed and index)."""
    rng = random.Random(f"{seed}:{index}")
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    other = rng.choice(["Mexico"] * 6 + ["Guatemala", "Honduras", "El Salvador", "Canada", "Colombia"])
    host_country = rng.choice(["United States", other])
    guest_country = other if host_country == "United States" else "United States"
    us = [_person(rng, "United States") for _ in range(rng.randint(1, 4))]
    them = [_person(rng, other) for _ in range(rng.randint(1, 3))]
    guests, hosts = (them, us) if host_country == "United States" else (us, them)
    place = _place(rng, host_country)
    topics = rng.sample(TOPICS, rng.randint(2, 5))
    held = rng.random() < 0.7
    meeting_day = published - timedelta(days=rng.randint(0, 6)) if held else published + timedelta(days=rng.randint(1, 9))
    lead_post, lead = guests[0]
    surname = lead.split()[1]
    kind = rng.choice(("readout", "travel", "joint"))
    parts: list[str] = [rng.choice(BOILERPLATE)]

    def roster(people: list[tuple[str, str]]) -> str:
        names = [f"{post} {name}" for post, name in people]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    if kind == "travel":
        title = f"{lead_post} {lead} to Travel to {host_country}"
        companions = f" with {roster(guests[1:])}" if len(guests) > 1 else ""
        parts.append(f"{title}\n\nRelease Date: {published:%B} {published.day}, {published.year}\n\n")
        parts.append(
            f"{lead_post} {lead} will travel to {place}, {host_country}{companions} on "
            f"{WEEKDAYS[meeting_day.weekday()]}, {_day(meeting_day)}. While in {host_country}, "
            f"{lead_post.split(' of ')[0]} {surname} will meet with {roster(hosts)}.\n\n"
            f"During these meetings, {lead_post.split(' of ')[0]} {surname} will discuss "
            f"{', '.join(topics[:-1])} and {topics[-1]}.\n\n"
        )
    elif kind == "readout":
        title = f"Readout of {lead_post} {lead}'s Meeting with {roster(hosts[:1])}"
        verb = "met with" if held else "will meet with"
        when = f"On {_day(meeting_day)}, " if rng.random() < 0.7 else ""
        parts.append(f"{title}\n\n")
        parts.append(
            f"{when}{lead_post} {lead} {verb} {roster(hosts)} in {place}. "
            f"They discussed {', '.join(topics[:-1])} and {topics[-1]}.\n\n"
            f"{lead_post.split(' of ')[0]} {surname} thanked the {other if guests is us else 'United States'} "
            f"delegation for its partnership on {topics[0]}.\n\n"
        )
    else:
        agreement = f"{'U.S.-' + other if other == 'Mexico' else 'Regional'} {rng.choice(AGREEMENT_THEMES)} {rng.choice(AGREEMENT_KINDS)}"
        title = f"Joint Statement of the United States and {other} on {topics[0].capitalize()} and {topics[1].capitalize()}"
        parts.append(f"{title}\n\n")
        parts.append(
            f"On {_day(meeting_day)}, a {guest_country if guest_country != 'United States' else 'U.S.'} delegation led by "
            f"{roster(guests)} {'were' if len(guests) > 1 else 'was'} hosted by {roster(hosts)} in {place}.\n\n"
            f"The delegations discussed joint efforts under the {agreement} to address "
            f"{', '.join(topics[:-1])} and {topics[-1]}.\n\n"
        )
        for action in rng.sample(ACTIONS, rng.randint(2, 4)):
            modality = rng.choice(("committed to", "will", "agreed to", "intend to", "reaffirmed their commitment to"))
            deadline = rng.choice(("", f" within {rng.choice((30, 60, 90, 180))} days", f" by {date(published.year + 1, rng.randint(1, 12), 1):%B %Y}"))
            parts.append(f"The United States and {other} {modality} {action}{deadline}.\n\n")
    extra = [
        f"{lead_post.split(' of ')[0]} {surname} said: \"Our partnership on {rng.choice(TOPICS)} saves lives on both "
        f"sides of the border, and we will keep working with our {other if guests is us else 'American'} partners "
        f"to confront {rng.choice(TOPICS)}.\"\n\n",
        f"According to official figures, seizures linked to {rng.choice(TOPICS)} rose by {rng.randint(5, 80)} percent "
        f"in {published.year - 1}, and authorities in {_place(rng, other)} reported {rng.randint(2, 900)} arrests "
        f"connected to {rng.choice(TOPICS)}.\n\n",
        f"The visit follows the {_day(published - timedelta(days=rng.randint(20, 300)))} talks between "
        f"{roster([_person(rng, 'United States')])} and {roster([_person(rng, other)])} in "
        f"{_place(rng, rng.choice(('United States', other)))}, where both governments addressed "
        f"{rng.choice(TOPICS)} and {rng.choice(TOPICS)}.\n\n",
        f"The {rng.choice(('Department', 'Embassy', 'Secretariat'))} will publish a report on {rng.choice(TOPICS)} "
        f"and {rng.choice(ACTIONS).replace('strengthen', 'strengthening')} before the end of {published.year + 1}. "
        f"Officials from {rng.choice(gazetteer()['countries'])[0]} and {rng.choice(gazetteer()['countries'])[0]} "
        f"are expected to attend as observers.\n\n",
    ]
    parts.extend(rng.sample(extra, rng.randint(1, len(extra))))
    parts.append(
        f"The {rng.choice(('officials', 'leaders', 'delegations'))} also reviewed progress on "
        f"{rng.choice(TOPICS)} since their meeting in {published.year - rng.randint(1, 3)}, "
        f"and agreed to meet again in {_place(rng, guest_country)}.\n\n"
    )
    parts.append(rng.choice(FOOTERS).format(x=rng.choice(LAST), c=rng.choice(gazetteer()["countries"])[0]))
    text = "".join(parts)
    published_text = published.isoformat() if rng.random() < 0.8 else f"{published:%Y-%m}"
    meta = {"title": title if rng.random() < 0.8 else "", "publisher": rng.choice(
        ("U.S. Department of State", "U.S. Department of Homeland Security", "The White House", "")),
        "published": published_text}
    return text, meta


def file_name(index: int) -> str:
    return f"bench_{index:06d}.txt"


def write_document(folder: Path, seed: int, index: int) -> str:
    """Write document ``index`` into ``folder`` and append its metadata row; return its file name."""
    text, meta = document(seed, index)
    name = file_name(index)
    (folder / name).write_text(text, encoding="utf-8")
    metadata = folder / "metadata.csv"
    new = not metadata.exists()
    with metadata.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(["file", "title", "publisher", "published"])
        writer.writerow([name, meta["title"], meta["publisher"], meta["published"]])
    return name


def generate(n: int, out: str | Path, seed: int = 7) -> Path:
    """Write documents 0..n-1 and metadata.csv into ``out`` (created; must not hold documents)."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.glob("*.txt")) or (folder / "metadata.csv").exists():
        raise SystemExit(f"{folder} already holds a corpus")
    for index in range(n):
        write_document(folder, seed, index)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folder = generate(args.n, args.out, args.seed)
    print(f"wrote {args.n} documents to {folder}")


if __name__ == "__main__":
    main()
