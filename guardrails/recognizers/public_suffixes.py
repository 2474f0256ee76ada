"""The public suffix list, read offline from ``tldextract``'s bundled snapshot."""

from __future__ import annotations

from functools import lru_cache

import tldextract


@lru_cache(maxsize=1)
def offline_suffixes() -> tldextract.TLDExtract:
    """One suffix-list reader, never fetching the list, shared by every recognizer that
    checks a domain (each reader parses the whole list on first use)."""
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def has_public_suffix(host: str) -> bool:
    """True when ``host`` ends in a public suffix under a domain ("firma.de", not "node.js")."""
    return offline_suffixes()(host).fqdn != ""
