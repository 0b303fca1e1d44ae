"""diplokg: a knowledge graph of US-Mexico security diplomacy.

Data flow: corpus -> extract -> resolve -> graph -> analyse / render / query.
"""

__version__ = "0.1.0"
