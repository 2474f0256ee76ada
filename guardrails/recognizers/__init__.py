"""Tresor's own Presidio recognizers for identifiers whose written forms vary a lot.

Each module holds one recognizer family (phone numbers, street addresses, IBANs), built
from real-world formats plus context words, and registered for English and German by
:func:`guardrails.presidio_recognizers.predefined_recognizers`.
"""
