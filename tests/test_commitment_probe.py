"""Probes of commitment extraction on invented passages in the styles of real joint statements,
communiqués, readouts, embassy statements and news stories (none taken from a corpus).

Each positive probe states what a careful analyst would annotate: the committing party (a
country, or ``both`` for the United States and Mexico together) and phrases the commitment's
clause must contain (the action), as the evaluation scores it; some also state the modality or
the deadline. Negative probes are sentences that commit nobody (past actions, statistics,
opinions, hopes, third parties). Date probes resolve meeting-date phrases against the
publication date.
"""

from __future__ import annotations

import pytest

from diplokg.corpus import Document, PartialDate
from diplokg.extract import agreements as agr
from diplokg.extract.dates import resolve_date
from diplokg.extract.document import extract_records

US = "united-states"
MX = "mexico"
BOTH = "both"

JS = "Joint Statement of the United States and Mexico on Security Cooperation"
COMMUNIQUE = "Joint Communique of the U.S.-Mexico Security Dialogue"
READOUT = "Readout of the U.S.-Mexico High-Level Security Meeting"
NEWS = "U.S. and Mexico reach deal on border security, officials say"
EMBASSY = "Statement by the U.S. Embassy in Mexico City"
PUB = PartialDate(2025, 3, 14)  # a Friday


def read(nlp, ontology, text, title, published=PUB):
    document = Document(doc_id="p", file_name="p.txt", text=text, published=published, title=title)
    return extract_records(nlp(text), document, ontology)


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _party_ok(parties: set[str], party: str) -> bool:
    got = {_short(p) for p in parties}
    return {US, MX} <= got if party == BOTH else got == {party}


def matches(records, party: str, keys: list[str]):
    """The commitments an evaluation would accept for (party, keys)."""
    return [c for c in records.commitments
            if _party_ok(c.parties, party) and all(k.lower() in " ".join(c.text.split()).lower() for k in keys)]


# (title, text, [(party, key phrases, modality or None, deadline or None), ...])
POSITIVE = [
    # --- joint statements: countries, both sides, several infinitives, semicolons
    (JS, "The United States and Mexico met in Washington on March 13, 2025.\n\n"
         "The two countries agreed to establish a binational task force on fentanyl, to share "
         "intelligence on precursor shipments and to prosecute arms traffickers.",
     [(BOTH, ["establish a binational task force"], "firm", None),
      (BOTH, ["share intelligence on precursor shipments"], "firm", None),
      (BOTH, ["prosecute arms traffickers"], "firm", None)]),
    (JS, "The United States and Mexico held their annual dialogue.\n\n"
         "Mexico will deploy 10,000 National Guard members to its northern border; the United States "
         "will step up efforts to stop the southbound trafficking of firearms.",
     [(MX, ["deploy 10,000 National Guard members"], "firm", None),
      (US, ["southbound trafficking of firearms"], "firm", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "Both sides committed to reduce homicides in border cities within six months.",
     [(BOTH, ["reduce homicides in border cities"], "firm", PartialDate(2025, 9, 14))]),
    (JS, "The United States and Mexico met today.\n\n"
         "Both governments pledged to dismantle the financial networks of transnational criminal organizations.",
     [(BOTH, ["dismantle the financial networks"], "firm", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "The two governments resolved to create a joint working group on cybercrime by the end of the year.",
     [(BOTH, ["joint working group on cybercrime"], "firm", PartialDate(2025, 12, 31))]),
    (JS, "The United States and Mexico met today.\n\n"
         "The delegations decided to convene the next meeting of the High-Level Group in Mexico City in June.",
     [(BOTH, ["convene the next meeting"], "firm", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "The United States and Mexico reaffirmed their commitment to combat the illicit trafficking of firearms.",
     [(BOTH, ["illicit trafficking of firearms"], "reaffirmation", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "Mexico shall extradite persons sought for drug trafficking offences within 30 days.",
     [(MX, ["extradite persons sought"], "firm", PartialDate(2025, 4, 13))]),
    (JS, "The United States and Mexico met today.\n\n"
         "The United States intends to expand training for Mexican forensic experts.",
     [(US, ["expand training for Mexican forensic experts"], "aspirational", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "Mexico plans to modernize customs inspection at ten ports of entry.",
     [(MX, ["modernize customs inspection"], None, None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "The two countries will seek to reduce the demand for synthetic drugs.",
     [(BOTH, ["reduce the demand for synthetic drugs"], "aspirational", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "Both countries undertake to exchange information on the movement of precursor chemicals.",
     [(BOTH, ["exchange information on the movement of precursor chemicals"], "firm", None)]),
    # --- lists after a lead-in
    (JS, "The United States and Mexico met in Mexico City.\n\n"
         "The two governments agreed to:\n\n"
         "- strengthen controls on precursor chemicals;\n\n"
         "- train 500 prosecutors in asset forfeiture;\n\n"
         "- launch a public campaign against fentanyl use.",
     [(BOTH, ["strengthen controls on precursor chemicals"], "firm", None),
      (BOTH, ["train 500 prosecutors"], "firm", None),
      (BOTH, ["public campaign against fentanyl"], "firm", None)]),
    (JS, "The United States and Mexico met in Mexico City.\n\n"
         "The United States will:\n\n"
         "1. provide $50 million for police training;\n\n"
         "2. donate ten scanning systems to Mexican customs.",
     [(US, ["provide $50 million for police training"], "firm", None),
      (US, ["donate ten scanning systems"], "firm", None)]),
    (JS, "The United States and Mexico met in Mexico City.\n\n"
         "Mexico commits to:\n\n"
         "(a) increase inspections of southbound vehicles;\n\n"
         "(b) register all seized weapons in eTrace within 90 days.",
     [(MX, ["increase inspections of southbound vehicles"], "firm", None),
      (MX, ["register all seized weapons"], "firm", PartialDate(2025, 6, 12))]),
    (JS, "The United States and Mexico met in Mexico City.\n\n"
         "The participants decided the following: 1. to create a bilateral committee on arms trafficking; "
         "2. to meet every six months.",
     [(BOTH, ["bilateral committee on arms trafficking"], "firm", None),
      (BOTH, ["meet every six months"], "firm", None)]),
    # --- passive and impersonal
    (JS, "The United States and Mexico met today.\n\n"
         "It was agreed that the two countries will hold a ministerial meeting on migration in May.",
     [(BOTH, ["ministerial meeting on migration"], "firm", None)]),
    (COMMUNIQUE, "Delegations of the United States and Mexico met in Monterrey on March 12.\n\n"
                 "The two delegations agreed that a joint assessment of port security would be completed by June 30, 2025.",
     [(BOTH, ["joint assessment of port security"], "firm", PartialDate(2025, 6, 30))]),
    # --- agencies and ministries of either country
    (COMMUNIQUE, "Delegations of the United States and Mexico met in Monterrey on March 12.\n\n"
                 "SEDENA will share ballistic records with ATF; CBP will expand southbound inspections at Laredo.",
     [(MX, ["share ballistic records"], "firm", None), (US, ["expand southbound inspections"], "firm", None)]),
    (COMMUNIQUE, "Delegations of the United States and Mexico met in Monterrey on March 12.\n\n"
                 "The Department of Homeland Security will fund new X-ray scanners at five crossings.",
     [(US, ["fund new X-ray scanners"], "firm", None)]),
    (COMMUNIQUE, "Delegations of the United States and Mexico met in Monterrey on March 12.\n\n"
                 "Mexico's Secretariat of Foreign Affairs will issue humanitarian visas to returned migrants.",
     [(MX, ["issue humanitarian visas"], "firm", None)]),
    # --- readouts: both sides, each side
    (READOUT, "Secretary of State Marco Rubio met with Mexican Foreign Secretary Juan Ramon de la Fuente in "
              "Mexico City on Thursday.\n\n"
              "Both sides agreed to establish a high-level implementation group to meet regularly.",
     [(BOTH, ["high-level implementation group"], "firm", None)]),
    (READOUT, "Secretary of State Marco Rubio met with Mexican Foreign Secretary Juan Ramon de la Fuente in "
              "Mexico City on Thursday.\n\n"
              "The two officials committed to deepen cooperation against fentanyl trafficking and to "
              "expand information sharing on criminal organizations.",
     [(BOTH, ["deepen cooperation against fentanyl trafficking"], "firm", None),
      (BOTH, ["expand information sharing"], "firm", None)]),
    (READOUT, "Secretary of State Marco Rubio met with Mexican Foreign Secretary Juan Ramon de la Fuente in "
              "Mexico City on Thursday.\n\n"
              "Secretary Rubio pledged to increase U.S. support for Mexico's forensic identification efforts, "
              "and Foreign Secretary de la Fuente committed to strengthen inspections of chemical imports.",
     [(US, ["forensic identification"], "firm", None), (MX, ["strengthen inspections of chemical imports"], "firm", None)]),
    (READOUT, "Secretary of Homeland Security Kristi Noem met with Mexican Security Secretary Omar Garcia Harfuch "
              "in Washington on Wednesday.\n\n"
              "The United States will provide additional equipment to detect fentanyl at ports of entry. "
              "Mexico will increase the number of inspectors at its northern customs posts.",
     [(US, ["equipment to detect fentanyl"], "firm", None), (MX, ["number of inspectors"], "firm", None)]),
    (READOUT, "Secretary of Homeland Security Kristi Noem met with Mexican Security Secretary Omar Garcia Harfuch "
              "in Washington on Wednesday.\n\n"
              "The Secretaries agreed on the following next steps:\n\n"
              "- exchange liaison officers between the two agencies;\n\n"
              "- hold a technical meeting on cargo screening within 60 days.",
     [(BOTH, ["exchange liaison officers"], "firm", None),
      (BOTH, ["technical meeting on cargo screening"], "firm", PartialDate(2025, 5, 13))]),
    (READOUT, "President Trump spoke with President Sheinbaum of Mexico on Monday.\n\n"
              "President Sheinbaum agreed to send 10,000 soldiers to the border, and President Trump "
              "agreed to pause the tariffs for one month.",
     [(MX, ["send 10,000 soldiers"], "firm", None), (US, ["pause the tariffs"], "firm", None)]),
    (READOUT, "Deputy Secretary of State Christopher Landau met with Mexican officials in Mexico City on Tuesday.\n\n"
              "The delegations agreed to hold the next session of the Security Implementation Group in April "
              "and to publish a joint progress report.",
     [(BOTH, ["next session of the Security Implementation Group"], "firm", None),
      (BOTH, ["joint progress report"], "firm", None)]),
    (READOUT, "Secretary of State Marco Rubio met with Mexican Foreign Secretary Juan Ramon de la Fuente in "
              "Mexico City on Thursday.\n\n"
              "The United States and Mexico decided to launch a binational program against money laundering.",
     [(BOTH, ["binational program against money laundering"], "firm", None)]),
    # --- news stories
    (NEWS, "Mexican and U.S. officials met in Mexico City on Thursday, March 13.\n\n"
           "Mexico agreed to deploy troops to curb migration, while the United States pledged to "
           "work to reduce the flow of weapons into Mexico.",
     [(MX, ["deploy troops"], "firm", None), (US, ["reduce the flow of weapons"], "aspirational", None)]),
    (NEWS, "Mexican and U.S. officials met in Mexico City on Thursday, March 13.\n\n"
           "The United States and Mexico agreed to form a joint team to track fentanyl shipments, "
           "officials said.",
     [(BOTH, ["form a joint team to track fentanyl shipments"], "firm", None)]),
    (NEWS, "Mexican and U.S. officials met in Mexico City on Thursday, March 13.\n\n"
           "Mexico's government announced that it will send 2,000 additional agents to the border city of Tijuana, "
           "and the United States agreed to speed up the delivery of helicopters.",
     [(MX, ["2,000 additional agents"], "firm", None), (US, ["delivery of helicopters"], "firm", None)]),
    (NEWS, "Mexican and U.S. officials met in Mexico City on Thursday, March 13.\n\n"
           "Under the deal, Mexico will accept more returned asylum seekers, and Washington will "
           "process their claims faster.",
     [(MX, ["accept more returned asylum seekers"], "firm", None), (US, ["process their claims faster"], "firm", None)]),
    (NEWS, "Mexican and U.S. officials met in Mexico City on Thursday, March 13.\n\n"
           "Both countries pledged to extradite cartel leaders, and Mexico agreed to transfer 29 prisoners "
           "to U.S. custody.",
     [(BOTH, ["extradite cartel leaders"], "firm", None), (MX, ["transfer 29 prisoners"], "firm", None)]),
    # --- embassy statements
    (EMBASSY, "U.S. Ambassador Ronald Johnson met with Mexico's Secretary of Security in Mexico City on Wednesday.\n\n"
              "The United States commits to supporting Mexico in training state police forces, "
              "and Mexico commits to expanding its witness protection program.",
     [(US, ["training state police forces"], "firm", None), (MX, ["witness protection program"], "firm", None)]),
    (EMBASSY, "U.S. Ambassador Ronald Johnson met with Mexico's Secretary of Security in Mexico City on Wednesday.\n\n"
              "Both governments will continue to coordinate actions against the fentanyl trade, and the "
              "United States will donate canine units to Mexican customs.",
     [(BOTH, ["coordinate actions against the fentanyl trade"], "firm", None), (US, ["donate canine units"], "firm", None)]),
    # --- three governments
    (JS + " and Canada", "The United States, Mexico and Canada met in Ottawa.\n\n"
                         "The three governments agreed to harmonize their controls on precursor chemicals.",
     [(BOTH, ["harmonize their controls on precursor chemicals"], "firm", None)]),
    (READOUT, "Officials of the United States, Mexico and Guatemala met virtually on Tuesday.\n\n"
              "The three governments will share data on smuggling routes every quarter, and Mexico will "
              "open two new shelters in Tapachula.",
     [(BOTH, ["share data on smuggling routes"], "firm", None), (MX, ["open two new shelters"], "firm", None)]),
    # --- clauses with deadlines and conditions
    (JS, "The United States and Mexico met today.\n\n"
         "If the flow of migrants does not decline, Mexico will adopt additional measures within 45 days.",
     [(MX, ["adopt additional measures"], "conditional", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "The United States will deliver the first tranche of equipment no later than June 1, 2025.",
     [(US, ["first tranche of equipment"], "firm", PartialDate(2025, 6, 1))]),
    (JS, "The United States and Mexico met today.\n\n"
         "The two governments aim to double the number of joint investigations by 2026.",
     [(BOTH, ["double the number of joint investigations"], "aspirational", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "Mexico welcomed the U.S. decision to designate cartels as terrorist organizations and will "
         "cooperate in the investigations that follow.",
     [(MX, ["cooperate in the investigations"], None, None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "Mexico's Attorney General's Office will prosecute the cases jointly with the U.S. Department of Justice; "
         "the Department of Justice will provide evidence through the mutual legal assistance treaty.",
     [(MX, ["prosecute the cases"], "firm", None), (US, ["provide evidence"], "firm", None)]),
    # --- the state behind a government noun, a parenthetical after "will"
    (JS, "The United States and Mexico met today.\n\n"
         "The Government of Mexico will strengthen its customs controls, while the U.S. Government will "
         "intensify efforts against arms trafficking.",
     [(MX, ["strengthen its customs controls"], "firm", None), (US, ["intensify efforts against arms trafficking"], "firm", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "The Mexican government will deploy 10,000 troops; U.S. authorities will prosecute gun traffickers.",
     [(MX, ["deploy 10,000 troops"], "firm", None), (US, ["prosecute gun traffickers"], "firm", None)]),
    (JS, "The United States and Mexico met today.\n\n"
         "The United States will, within 60 days, deliver five helicopters to the Mexican Navy.",
     [(US, ["deliver five helicopters"], "firm", PartialDate(2025, 5, 13))]),
    (JS, "The United States and Mexico met today.\n\n"
         "In coordination with the Mexican government, the United States will expand its arms-tracing program.",
     [(US, ["arms-tracing program"], "firm", None)]),
]


#: Probes the rules leave out on purpose: in a readout or news item, a step of the sides together
#: ("Both sides agreed to …", "The delegations agreed to …") or one side's "X will …" founds no
#: unnamed understanding (annotated dev sets count such steps as a joint process, and an
#: understanding that the gold does not have costs commits precision); they only join one that a
#: party's own undertaking founds. ("Washington" as a subject is read as the United States:
#: actors.capital_governments.)
KNOWN_GAPS = {
    21: "sides together in a readout found no understanding",
    22: "sides together in a readout found no understanding",
    24: "one side's 'will' in running text only joins an understanding",
    25: "a readout list of the sides' joint steps founds no understanding",
    27: "sides together in a readout found no understanding",
}
POSITIVE_CASES = [
    pytest.param(*case, id=f"pos{n:02d}",
                 marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[n])] if n in KNOWN_GAPS else [])
    for n, case in enumerate(POSITIVE)
]


@pytest.mark.parametrize("title, text, expected", POSITIVE_CASES)
def test_positive_probe(nlp, ontology, title, text, expected):
    records = read(nlp, ontology, text, title)
    for party, keys, modality, deadline in expected:
        found = matches(records, party, keys)
        assert found, (party, keys, [(sorted(map(_short, c.parties)), c.text) for c in records.commitments])
        if modality is not None:
            assert any(c.modality == modality for c in found), [c.modality for c in found]
        if deadline is not None:
            assert any(c.deadline == deadline for c in found), [c.deadline for c in found]


# (title, text, phrase that no commitment may contain)
NEGATIVE = [
    (READOUT, "The United States and Mexico met today.\n\nLast year Mexico deployed 15,000 troops to its southern border.",
     "deployed 15,000 troops"),
    (NEWS, "The United States and Mexico met today.\n\nSeizures of fentanyl at the border fell 50 percent in 2024.",
     "fell 50 percent"),
    (NEWS, "The United States and Mexico met today.\n\n\"We will never accept foreign troops on our soil,\" "
           "a Mexican senator said.", "foreign troops"),
    (NEWS, "The United States and Mexico met today.\n\nAnalysts hope the two countries will find a compromise on tariffs.",
     "find a compromise"),
    (READOUT, "The United States and Mexico met today.\n\nThe two countries discussed ways to reduce violence along the border.",
     "reduce violence"),
    (NEWS, "The United States and Mexico met today.\n\nCanada will host the next summit of the G7 in June.",
     "host the next summit"),
    (NEWS, "The United States and Mexico met today.\n\nGuatemala agreed separately to accept more deportees.",
     "accept more deportees"),
    (READOUT, "The United States and Mexico met today.\n\nThe meeting will be followed by a press conference.",
     "press conference"),
    (NEWS, "The United States and Mexico met today.\n\nThe cartel has pledged to retaliate against the authorities.",
     "retaliate"),
    (NEWS, "The United States and Mexico met today.\n\nIn 2019, the two governments agreed to deploy the National Guard, "
           "a deal that later collapsed.", "later collapsed"),
    (READOUT, "The United States and Mexico met today.\n\nThe Secretary thanked Mexico for its cooperation on extraditions.",
     "cooperation on extraditions"),
    (NEWS, "The United States and Mexico met today.\n\nIt is unclear whether Mexico will accept the proposal.",
     "accept the proposal"),
    (NEWS, "The United States and Mexico met today.\n\nMigrant apprehensions reached 250,000 in December, "
           "the highest number on record.", "apprehensions"),
    (READOUT, "The United States and Mexico met today.\n\nThe ministers expressed concern about rising violence in Sinaloa.",
     "rising violence"),
    (NEWS, "The United States and Mexico met today.\n\nCritics say the plan will do little to stop the flow of drugs.",
     "do little"),
]


@pytest.mark.parametrize("title, text, phrase", NEGATIVE, ids=[f"neg{n:02d}" for n in range(len(NEGATIVE))])
def test_negative_probe(nlp, ontology, title, text, phrase):
    records = read(nlp, ontology, text, title)
    assert not [c.text for c in records.commitments if phrase.lower() in c.text.lower()]


# --------------------------------------------------------------------------- rules without a model


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mexico plans to modernize customs inspection at ten ports.", "aspirational"),
        ("Both sides resolved to create a joint working group.", "firm"),
        ("The United States announced that it will donate ten scanners.", "firm"),
        ("The two governments aim to double joint investigations.", "aspirational"),
    ],
)
def test_probe_modality_rules(text, expected):
    clauses = agr.split_clauses(text, lambda lo, hi: True)
    assert clauses, text
    clause = clauses[0]
    assert agr.commitment_modality(text[clause.start:clause.end], clause.kind, agr.clause_action(text, clause)) == expected


# --------------------------------------------------------------------------- meeting-date phrases

FRI = PartialDate(2025, 3, 14)  # Friday, March 14, 2025


@pytest.mark.parametrize(
    "phrase, published, expected",
    [
        ("Wednesday, March 12", FRI, PartialDate(2025, 3, 12)),
        ("on Tuesday", FRI, PartialDate(2025, 3, 11)),
        ("on the 7th", FRI, PartialDate(2025, 3, 7)),
        ("on the 20th", FRI, PartialDate(2025, 2, 20)),
        ("last week", FRI, PartialDate(2025, 3)),
        ("earlier this month", FRI, PartialDate(2025, 3)),
        ("on Monday, March 10, 2025", PartialDate(2025, 3, 17), PartialDate(2025, 3, 10)),
        ("Thursday", PartialDate(2025, 3, 17), PartialDate(2025, 3, 13)),
        ("March 3", PartialDate(2025, 3, 17), PartialDate(2025, 3, 3)),
        ("late last month", FRI, PartialDate(2025, 2)),
    ],
)
def test_meeting_date_phrases(phrase, published, expected):
    assert resolve_date(phrase, published, "past").value == expected


# --------------------------------------------------------------------------- agreements the commitments hang on


def test_title_case_headline_names_the_agreement_after_its_verb(rule_nlp):
    doc = rule_nlp("CBP and Mexico's Customs Agency Sign Memorandum on Cargo Security and Trade Facilitation")
    assert [a.label for a in agr.find_agreements(doc[:])] == ["Memorandum on Cargo Security and Trade Facilitation"]


def test_agency_of_a_country_signing_commits_that_country(nlp, ontology):
    text = ("WASHINGTON — U.S. Customs and Border Protection and the National Customs Agency of Mexico signed on "
            "Tuesday a Memorandum of Understanding on Port Security.\n\n"
            "Under the memorandum, the Participants intend to:\n\n1. share advance cargo data;\n\n2. train inspectors.")
    records = read(nlp, ontology, text, "CBP and Mexico's Customs Agency Sign Memorandum on Port Security")
    memo = [a for a in records.agreements if a.label.startswith("Memorandum")]
    assert len(memo) == 1 and {_short(c) for c in memo[0].countries} == {US, MX}
    assert matches(records, BOTH, ["share advance cargo data"]) and matches(records, BOTH, ["train inspectors"])


# --------------------------------------------------------------------------- commitments outside numbered lists
# Prose of news stories, readouts and communiqués: reported futures ("X would deploy …"), the
# states together ("the two governments agreed to …", "both countries will continue to …"), an
# agreement as the subject ("the framework committed both countries to …"), a side or government
# of one country ("the United States side committed to …", "the Government of Mexico reiterated
# that it will …") and reaffirmed named agreements. Invented passages.

OFFICIALS = "Officials of the United States and Mexico met in Monterrey on Thursday.\n\n"
SRE = "Communiqué No. 41: Mexico and the United States hold the Bilateral Border Security Group"
SRE_LEAD = ("The Secretariat of Foreign Affairs reports that the delegations of Mexico and the United States "
            "met in Mexico City on March 13.\n\n")

PROSE = [
    (NEWS, "The United States and Mexico reached an agreement in Nogales on Thursday.\n\n"
           "Under the agreement, Mexico would deploy 4,000 federal agents to the state of Sonora, and the "
           "United States would speed up the processing of asylum claims.",
     [(MX, ["deploy 4,000 federal agents"], "firm", None), (US, ["processing of asylum claims"], "firm", None)]),
    (NEWS, "Mexican and U.S. officials met in Hermosillo on Thursday.\n\n"
           "Mexico would deploy 4,000 federal agents to Sonora, while the United States would send "
           "additional immigration judges to the border, officials said.",
     [(MX, ["deploy 4,000 federal agents"], "firm", None), (US, ["additional immigration judges"], "firm", None)]),
    (NEWS, OFFICIALS + "The two governments agreed to open a joint intelligence center in Saltillo by the end of the year.",
     [(BOTH, ["open a joint intelligence center"], "firm", PartialDate(2025, 12, 31))]),
    (READOUT, OFFICIALS + "Both countries will continue to share information on weapons seizures at the border.",
     [(BOTH, ["share information on weapons seizures"], "firm", None)]),
    (NEWS, OFFICIALS + "The talks ended without a joint statement, but both countries will continue to target "
                       "the finances of drug cartels.",
     [(BOTH, ["target the finances of drug cartels"], "firm", None)]),
    (NEWS, "The United States and Mexico launched the Northern Corridor Security Framework on Tuesday.\n\n"
           "The framework committed both countries to double the number of joint inspections at commercial crossings.",
     [(BOTH, ["double the number of joint inspections"], "firm", None)]),
    (NEWS, "The United States and Mexico signed the Coastal Precursor Control Accord on Tuesday.\n\n"
           "The accord requires Mexico to register all imported precursor chemicals within 90 days.",
     [(MX, ["register all imported precursor chemicals"], "firm", PartialDate(2025, 6, 12))]),
    (COMMUNIQUE, SRE_LEAD + "Both delegations agreed to create a binational working group on arms trafficking.",
     [(BOTH, ["binational working group on arms trafficking"], "firm", None)]),
    (SRE, SRE_LEAD + "Both delegations agreed to create a binational working group on arms trafficking.",
     [(BOTH, ["binational working group on arms trafficking"], "firm", None)]),
    (COMMUNIQUE, SRE_LEAD + "The Government of Mexico reiterated that it will continue to deploy the National "
                            "Guard along the southern border.",
     [(MX, ["deploy the National Guard"], "reaffirmation", None)]),
    (SRE, SRE_LEAD + "The Government of Mexico reiterated that it will continue to deploy the National "
                     "Guard along the southern border, and the United States side committed to accelerate the "
                     "delivery of inspection equipment.",
     [(MX, ["deploy the National Guard"], "reaffirmation", None),
      (US, ["delivery of inspection equipment"], "firm", None)]),
    (COMMUNIQUE, SRE_LEAD + "The United States side committed to accelerate the delivery of inspection equipment.",
     [(US, ["delivery of inspection equipment"], "firm", None)]),
    (COMMUNIQUE, SRE_LEAD + "Both delegations reaffirmed the commitments of the Hemispheric Border Partnership Framework.",
     [(BOTH, ["Hemispheric Border Partnership Framework"], "reaffirmation", None)]),
    (READOUT, OFFICIALS + "The two governments reaffirmed the commitments of the Gulf Maritime Security Framework "
                          "and agreed to expand joint patrols in the Gulf of Mexico.",
     [(BOTH, ["Gulf Maritime Security Framework"], "reaffirmation", None),
      (BOTH, ["expand joint patrols"], "firm", None)]),
    (NEWS, OFFICIALS + "The two governments agreed to create a joint task force on arms trafficking. Mexico would "
                       "also extradite 12 cartel figures sought by U.S. prosecutors, officials said.",
     [(BOTH, ["joint task force on arms trafficking"], "firm", None), (MX, ["extradite 12 cartel figures"], "firm", None)]),
    (READOUT, OFFICIALS + "The Mexican side committed to register seized firearms in eTrace, and the U.S. side "
                          "committed to trace them within 48 hours.",
     [(MX, ["register seized firearms"], "firm", None), (US, ["trace them"], "firm", None)]),
    (NEWS, OFFICIALS + "The two nations pledged to dismantle the smuggling networks that move migrants through Chihuahua.",
     [(BOTH, ["dismantle the smuggling networks"], "firm", None)]),
    (READOUT, OFFICIALS + "The two governments decided to establish a joint center for forensic identification in "
                          "Guadalajara, and Mexico will provide the building.",
     [(BOTH, ["joint center for forensic identification"], "firm", None), (MX, ["provide the building"], "firm", None)]),
]


PROSE += [  # the guards against stories that report no new deal leave these
    (NEWS, OFFICIALS + "The United States agreed to work with Mexico to reduce the flow of arms, and Mexico agreed "
                       "to extradite 10 cartel leaders.",
     [(US, ["reduce the flow of arms"], "aspirational", None), (MX, ["extradite 10 cartel leaders"], "firm", None)]),
    (NEWS, OFFICIALS + "Under the deal, Mexico will deploy 5,000 troops to the border, and the United States will "
                       "pause tariffs for 30 days.",
     [(MX, ["deploy 5,000 troops"], "firm", None), (US, ["pause tariffs"], "firm", None)]),
]


@pytest.mark.parametrize("title, text, expected", PROSE, ids=[f"prose{n:02d}" for n in range(len(PROSE))])
def test_prose_commitment_probe(nlp, ontology, title, text, expected):
    test_positive_probe(nlp, ontology, title, text, expected)


# (title, text, phrase that no commitment may contain)
PROSE_NEGATIVE = [
    (NEWS, OFFICIALS + "Analysts said Mexico would struggle to deploy so many troops before the summer.", "struggle"),
    (NEWS, OFFICIALS + "The two governments agreed to meet again in the coming months.", "meet again"),
    (READOUT, OFFICIALS + "The two governments agreed to remain in close contact on border issues.", "close contact"),
    (NEWS, OFFICIALS + "Both countries would benefit from lower tariffs, economists said.", "benefit"),
    (NEWS, OFFICIALS + "A senior official said the framework would not require Mexico to accept U.S. troops.",
     "accept U.S. troops"),
    (NEWS, OFFICIALS + "Both countries would need to invest billions to modernize the crossings, the report said.",
     "invest billions"),
    (NEWS, OFFICIALS + "Mexico's opposition said the government would never accept U.S. troops on Mexican soil.",
     "never accept"),
    (NEWS, OFFICIALS + "The delegations agreed that the next meeting would be held in Tijuana.", "next meeting"),
    (NEWS, OFFICIALS + "Critics warned that the United States would use the accord to pressure Mexico on tariffs.",
     "pressure Mexico"),
    (NEWS, OFFICIALS + "In 2019, the two governments agreed to deploy the National Guard, but the plan was later abandoned.",
     "National Guard"),
    (NEWS, OFFICIALS + "Asked whether Mexico would accept more deportees, the minister declined to comment.",
     "more deportees"),
    (NEWS, OFFICIALS + "Guatemala and Honduras agreed to open new shelters for returned migrants.", "new shelters"),
    (NEWS, OFFICIALS + "Mexico will host the next round of talks, while the United States will send a delegation "
                       "to Tapachula.", "next round"),
    (READOUT, OFFICIALS + "Both countries will continue to work closely together.", "work closely"),
]


@pytest.mark.parametrize("title, text, phrase", PROSE_NEGATIVE, ids=[f"proseneg{n:02d}" for n in range(len(PROSE_NEGATIVE))])
def test_prose_negative_probe(nlp, ontology, title, text, phrase):
    test_negative_probe(nlp, ontology, title, text, phrase)


def test_undertakings_beside_a_named_agreement_belong_to_it(nlp, ontology):
    """A readout that names the agreement of the meeting gets no second, unnamed understanding."""
    text = ("The United States and Mexico launched the Sierra Madre Security Framework in Durango on Thursday.\n\n"
            "The two governments agreed to open a joint intelligence center in Saltillo, and Mexico would "
            "deploy 3,000 additional officers to Durango.")
    records = read(nlp, ontology, text, NEWS)
    labels = {a.aid: a.label for a in records.agreements}
    assert not [label for label in labels.values() if label.startswith("Understanding")], labels
    found = matches(records, BOTH, ["joint intelligence center"]) + matches(records, MX, ["3,000 additional officers"])
    assert len(found) == 2 and {labels[c.agreement] for c in found} == {"Sierra Madre Security Framework"}


def test_an_undertaking_dated_years_before_is_background(nlp, ontology):
    text = (OFFICIALS + "The two governments agreed to create a joint task force on arms trafficking in January 2022. "
            "It never met.")
    records = read(nlp, ontology, text, NEWS)
    assert not [c.text for c in records.commitments if "joint task force" in c.text]


# --------------------------------------------------------------------------- stories that report no new deal
# Negative probes in the styles the prose rules read (reported futures, "the two governments",
# "Under the deal, …", an agreement as the subject): background on an old deal, analysts'
# expectations, a third country's terms, cooperation boilerplate, conditional and proposed
# terms, demands, wishes, threats and retaliation, steps that only weigh a proposal. None may
# yield a commitment with the phrase, nor an agreement that is not named in the text (an
# unnamed understanding is a false dk:commits link to each of its countries). Invented passages.

TARIFFS = "Mexico's president meets U.S. envoy as tariff deadline looms"

NO_DEAL = [
    (TARIFFS, OFFICIALS + "Under the 2019 deal, Mexico deployed 25,000 National Guard troops to its borders, and the "
                          "United States expanded its Remain in Mexico program.", "National Guard"),
    (TARIFFS, OFFICIALS + "Under the agreement reached in June 2019, Mexico would deploy the National Guard, and the "
                          "United States would drop its tariff threat.", "National Guard"),
    (TARIFFS, OFFICIALS + "Under the 2019 agreement, Mexico committed to deploy the National Guard, and the United "
                          "States agreed to suspend tariffs.", "National Guard"),
    (TARIFFS, OFFICIALS + "Mexico previously agreed to deploy 10,000 troops, and the United States had pledged to "
                          "pause tariffs.", "10,000 troops"),
    (TARIFFS, OFFICIALS + "Analysts expect that Mexico will likely extradite more cartel leaders, while the United "
                          "States will probably keep its tariffs.", "cartel leaders"),
    (TARIFFS, OFFICIALS + "Mexico hopes the United States will curb arms exports, and the United States expects "
                          "Mexico will deploy more troops.", "arms exports"),
    (TARIFFS, OFFICIALS + "Mexico hopes the United States will curb arms exports, and the United States expects "
                          "Mexico will deploy more troops.", "more troops"),
    (TARIFFS, OFFICIALS + "Both countries will continue to cooperate on security, the minister said.", "cooperate"),
    (TARIFFS, OFFICIALS + "The two governments will continue to cooperate closely on migration.", "cooperate"),
    (TARIFFS, OFFICIALS + "Both governments will continue to cooperate to confront organized crime.", "cooperate"),
    (TARIFFS, OFFICIALS + "The two nations will keep working together on security.", "working together"),
    (TARIFFS, OFFICIALS + "The two countries agreed to disagree on tariffs.", "disagree"),
    (TARIFFS, OFFICIALS + "The agreement will expire in 2026, and both countries would then negotiate a new one.",
     "negotiate"),
    (TARIFFS, OFFICIALS + "If the talks succeed, Mexico would deploy 5,000 troops and the United States would lift "
                          "the tariffs.", "5,000 troops"),
    (TARIFFS, OFFICIALS + "The United States has pressed Mexico for months. Under the proposal, Mexico would deploy "
                          "10,000 troops, and the United States would pause tariffs.", "10,000 troops"),
    (TARIFFS, OFFICIALS + "Under the plan proposed by Mexico, the United States would curb arms exports and Mexico "
                          "would extradite cartel leaders.", "arms exports"),
    (TARIFFS, OFFICIALS + "Minister Laura Ibarra said Mexico will respond to any tariffs, and the United States will "
                          "impose tariffs on steel.", "tariffs"),
    (TARIFFS, OFFICIALS + "The United States will impose 25 percent tariffs on Mexican goods, and Mexico will "
                          "retaliate with its own tariffs.", "tariffs"),
    (TARIFFS, OFFICIALS + "Should the talks fail, the United States would impose tariffs and Mexico would respond "
                          "in kind.", "tariffs"),
    (TARIFFS, OFFICIALS + "\"Mexico will have to do more to stop fentanyl,\" Senator Dana Whitfield said.", "fentanyl"),
    (TARIFFS, OFFICIALS + "Senator Dana Whitfield called on Mexico to deploy more troops, and said the United States "
                          "should cut aid.", "more troops"),
    (TARIFFS, OFFICIALS + "The United States demanded that Mexico deploy 10,000 troops, while Mexico urged the "
                          "United States to stop arms trafficking.", "arms trafficking"),
    (TARIFFS, OFFICIALS + "Mexico wants the United States to stop arms trafficking, and the United States wants "
                          "Mexico to extradite cartel leaders.", "cartel leaders"),
    (TARIFFS, OFFICIALS + "Mexico will present a proposal next week, and the United States will review it.",
     "proposal"),
    (TARIFFS, OFFICIALS + "Mexico would consider deploying more troops, and the United States would study the "
                          "proposal, officials said.", "troops"),
    (TARIFFS, OFFICIALS + "Mexico agreed to consider the request, and the United States agreed to review its "
                          "position.", "request"),
    (TARIFFS, OFFICIALS + "Guatemala agreed to deploy 1,500 police to its border, and Honduras will accept returned "
                          "migrants.", "returned migrants"),
    (TARIFFS, OFFICIALS + "Under its deal with Washington, Guatemala will accept asylum seekers, and El Salvador will "
                          "deploy police.", "asylum seekers"),
    (TARIFFS, OFFICIALS + "Canada and the United States agreed to share intelligence on fentanyl.", "intelligence"),
    (TARIFFS, OFFICIALS + "The Drug Enforcement Administration will continue its mission to dismantle cartels, a "
                          "spokesperson said.", "dismantle cartels"),
    (TARIFFS, OFFICIALS + "Mexico will hold elections in June, and the United States will host the World Cup.",
     "World Cup"),
    (TARIFFS, OFFICIALS + "Mexico is expected to deploy troops, and the United States is likely to pause tariffs.",
     "tariffs"),
    (TARIFFS, OFFICIALS + "Both governments will continue to face pressure from cartels.", "pressure"),
    (TARIFFS, OFFICIALS + "Mexico's National Guard will continue its mission of protecting the population, and U.S. "
                          "Border Patrol will keep guarding the border.", "guarding the border"),
    (TARIFFS, OFFICIALS + "Mexican officials said the country would retaliate if the United States imposed tariffs.",
     "retaliate"),
    (TARIFFS, OFFICIALS + "In exchange for lifting tariffs, the United States wants Mexico to deploy 10,000 troops.",
     "10,000 troops"),
    (TARIFFS, OFFICIALS + "The previous agreement committed both countries to share intelligence, but it lapsed in 2023.",
     "share intelligence"),
    (TARIFFS, OFFICIALS + "Under the terms of the 2019 deal, Mexico will have to accept asylum seekers while their "
                          "cases are heard.", "asylum seekers"),
    (READOUT, "Secretary of State Hal Brenner met with Mexican Foreign Secretary Ines Olvera in Mexico City on "
              "Thursday.\n\nSecretary Brenner urged Mexico to extradite the cartel leaders, and Foreign Secretary "
              "Olvera asked the United States to curb the sale of rifles.", "sale of rifles"),
    (READOUT, "Secretary of State Hal Brenner met with Mexican Foreign Secretary Ines Olvera in Mexico City on "
              "Thursday.\n\nSecretary Brenner noted that the United States has long supported Mexico's judicial "
              "reform, and both countries have agreed in the past to share ballistic data.", "ballistic data"),
]


@pytest.mark.parametrize("title, text, phrase", NO_DEAL, ids=[f"nodeal{n:02d}" for n in range(len(NO_DEAL))])
def test_story_reports_no_new_deal(nlp, ontology, title, text, phrase):
    records = read(nlp, ontology, text, title)
    assert not [c.text for c in records.commitments if phrase.lower() in c.text.lower()]
    assert not [(a.label, sorted(map(_short, a.countries))) for a in records.agreements
                if a.countries and a.label not in text], "an agreement the text does not name commits countries"


@pytest.mark.parametrize("text, label, parties", [
    ("The United States and Guatemala signed the Asylum Cooperation Agreement in 2019.\n\n" + OFFICIALS
     + "Under the agreement, Mexico will deploy 2,000 officers.", "Asylum Cooperation Agreement", {US, "guatemala"}),
    ("The United States and Canada signed the Northern Border Accord in 2021.\n\n" + OFFICIALS
     + "The accord requires both countries to share biometric data.", "Northern Border Accord", {US, "canada"}),
])
def test_a_named_agreement_keeps_its_own_parties(nlp, ontology, text, label, parties):
    """A later "Under the agreement, Mexico will …" or "the accord requires both countries to …"
    neither adds Mexico to another pair's agreement nor hangs Mexico's undertaking on it."""
    records = read(nlp, ontology, text, TARIFFS)
    named = next(a for a in records.agreements if a.label == label)
    assert {_short(c) for c in named.countries} == parties
    assert not [c.text for c in records.commitments if c.agreement == named.aid and MX in map(_short, c.parties)]
    assert not [a.label for a in records.agreements if a.countries and a.label not in text]
