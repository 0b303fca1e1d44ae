"""Extraction: spaCy components that read documents into records.

``pipeline.load_pipeline`` builds the trained English pipeline plus the rule components
(``diplokg_lines``, ``diplokg_boilerplate``, ``diplokg_actors``, ``diplokg_topics``,
``diplokg_dates``); ``records.extract_records`` turns one processed ``Doc`` into the records
of one document (persons, meetings, agreements, commitments), each with its evidence sentence.
"""
