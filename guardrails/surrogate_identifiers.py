"""Surrogates of numbers, codes and dates: phone numbers, IBANs, payment cards, German tax
ids, IP addresses, dates of birth; any other type keeps the original's shape.

Where a kind has reserved ranges they are used, so a surrogate is never someone's real value:
IP documentation networks (RFC 5737/3849), the fictional phone ranges of the German, US and UK
regulators (BNetzA "drama numbers", NANP 555-01xx, Ofcom drama numbers), payment processors'
test card prefixes. IBANs and German tax ids carry valid check digits so that the model (and
any validator between) treats them as the real thing. Pure: no I/O.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

IPV4_DOC_NETWORKS = ("192.0.2", "198.51.100", "203.0.113")
IPV6_DOC_PREFIX = "2001:db8"

#: BNetzA drama numbers: (area code, subscriber stem); three more digits follow (000-999).
DE_DRAMA_RANGES = (("30", "23125"), ("69", "90009"), ("40", "66969"), ("221", "4710"),
                   ("89", "99998"))  # fmt: skip
#: Ofcom drama numbers (national significant number stems; 000-999 follow).
UK_DRAMA_STEMS = {"landline": "2079460", "mobile": "7700900"}
#: NANP fictional exchange 555-0100..0199; common area codes keep the shape plausible.
NANP_AREA_CODES = ("212", "312", "415", "617", "202", "206")
#: Issuer prefixes of the well-known processor test cards, by the original's first digit.
CARD_TEST_PREFIXES = {"4": "411111", "5": "555555", "2": "222300", "3": "378282", "6": "601111"}


def _phone(original: str, rng: random.Random, language: str) -> str:
    text = original.strip()
    digits = re.sub(r"\D", "", text)
    plus = text.startswith("+")
    zero_zero = not plus and digits.startswith("00")
    body = digits[2:] if zero_zero else digits  # after "+" or "00": country code first
    lead = "00" if zero_zero else ""
    if plus or zero_zero:
        plan = next((p for cc, p in (("49", "de"), ("44", "uk"), ("1", "nanp"))
                     if body.startswith(cc)), None)  # fmt: skip
    elif body.startswith("0"):
        plan = "uk" if not language.lower().startswith("de") and len(body) == 11 else "de"
    else:
        plan = "nanp" if len(body) == 10 or (len(body) == 11 and body[0] == "1") else None
    if plan == "de":
        return _german_phone(text, plus or zero_zero, rng)
    if plan == "uk":
        national = body[2:] if plus or zero_zero else body[1:]
        stem = UK_DRAMA_STEMS["mobile" if national.startswith("7") else "landline"]
        return _fill_digits(
            text, lead + ("44" if plus or zero_zero else "0") + stem + random_digits(rng, 3)
        )
    if plan == "nanp":
        nsn = rng.choice(NANP_AREA_CODES) + "55501" + random_digits(rng, 2)
        return _fill_digits(text, lead + ("1" if len(body) == 11 else "") + nsn)
    # a numbering plan without reserved ranges here: keep the country code, make up the rest
    keep = 2 if plus or zero_zero else 1
    return _fill_digits(text, lead + body[:keep] + random_digits(rng, max(0, len(body) - keep)))


def _german_phone(text: str, international: bool, rng: random.Random) -> str:
    area, stem = rng.choice(DE_DRAMA_RANGES)
    subscriber = stem + random_digits(rng, 3)
    prefix = lead = ""
    rest = text
    if international:
        m = re.match(r"(?:\+|00)\s*49", text)
        prefix = m.group() if m else "+49"
        rest = text[m.end() :] if m else text
        lead_m = re.match(r"[\s\-/]*(?:\(0\)[\s\-/]*)?", rest)
        lead = lead_m.group() if lead_m else ""
        rest = rest[len(lead) :]
    sep_m = re.search(r"\d([^\d()]+)\d", rest)
    sep = sep_m.group(1) if sep_m and len(sep_m.group(1)) <= 3 else ""
    if international:
        return prefix + lead + area + sep + subscriber
    if rest.startswith("("):
        return f"(0{area}) {subscriber}"
    return "0" + area + sep + subscriber


def random_digits(rng: random.Random, count: int) -> str:
    """``count`` random decimal digits."""
    return "".join(rng.choice("0123456789") for _ in range(count))


def _fill_digits(template: str, digits: str) -> str:
    """``digits`` in the positions of ``template``'s digits; extra ones join the last group."""
    out: list[str] = []
    it = iter(digits)
    slots = sum(ch.isdigit() for ch in template)
    extra = max(0, len(digits) - slots)
    seen = 0
    for ch in template:
        if ch.isdigit():
            seen += 1
            nxt = next(it, None)
            if nxt is None:
                continue
            out.append(nxt)
            if seen == slots and extra:
                out.extend(it)
        else:
            out.append(ch)
    return "".join(out).rstrip(" -/.")


def iban_check_digits(country: str, bban: str) -> str:
    """The two ISO 13616 check digits of an IBAN with ``country`` and ``bban``."""
    rearranged = bban.upper() + country.upper() + "00"
    number = int("".join(str(int(ch, 36)) for ch in rearranged))
    return f"{98 - number % 97:02d}"


def _iban(original: str, rng: random.Random, language: str) -> str:
    compact = re.sub(r"[^0-9A-Za-z]", "", original).upper()
    country = compact[:2] if compact[:2].isalpha() else "DE"
    bban = "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if ch.isalpha() else rng.choice("0123456789")
        for ch in compact[4:]
    ) or random_digits(rng, 18)
    return _fill_alnum(original, country + iban_check_digits(country, bban) + bban)


def _fill_alnum(template: str, chars: str) -> str:
    out, it = [], iter(chars)
    for ch in template:
        if ch.isalnum():
            nxt = next(it, "")
            out.append(nxt.lower() if ch.islower() else nxt)
        else:
            out.append(ch)
    out.extend(it)
    return "".join(out)


def luhn_check_digit(payload: str) -> str:
    """The digit that makes ``payload`` + digit pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def _card(original: str, rng: random.Random, language: str) -> str:
    digits = re.sub(r"\D", "", original)
    length = len(digits) if 12 <= len(digits) <= 19 else 16
    prefix = CARD_TEST_PREFIXES.get(digits[:1], "411111")
    payload = prefix + random_digits(rng, length - len(prefix) - 1)
    return _fill_digits(original, payload + luhn_check_digit(payload))


def de_tax_id_check_digit(first_ten: str) -> str:
    """ISO 7064 MOD 11,10 check digit of a German Steuer-ID."""
    product = 10
    for ch in first_ten:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    check = 11 - product
    return "0" if check == 10 else str(check)


def _de_tax_id(original: str, rng: random.Random, language: str) -> str:
    # Structure of issued ids: one digit twice among the first ten, no leading zero.
    while True:
        chosen = rng.sample("0123456789", 9)
        chosen.insert(rng.randrange(1, 10), rng.choice(chosen))
        if chosen[0] != "0":
            break
    first_ten = "".join(chosen)
    return _fill_digits(original, first_ten + de_tax_id_check_digit(first_ten))


def _ip(original: str, rng: random.Random, language: str) -> str:
    if ":" in original:
        groups = [f"{rng.randrange(1, 0xFFFF):x}" for _ in range(6)]
        value = (f"{IPV6_DOC_PREFIX}::{groups[0]}" if "::" in original
                 else f"{IPV6_DOC_PREFIX}:" + ":".join(groups))  # fmt: skip
        return value.upper() if original.isupper() else value
    return f"{rng.choice(IPV4_DOC_NETWORKS)}.{rng.randrange(1, 255)}"


def _shape_alike(original: str, rng: random.Random) -> str:
    """Same character classes in the same places: letters stay letters (same case), digits
    digits, everything else as it was."""
    out: list[str] = []
    for ch in original:
        if ch.isdigit():
            out.append(
                rng.choice("123456789" if not out or not out[-1].isdigit() else "0123456789")
            )
        elif ch.isalpha():
            letter = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
            out.append(letter if ch.isupper() else letter.lower())
        else:
            out.append(ch)
    return "".join(out)


def _birth_date(original: str, rng: random.Random, language: str) -> str:
    """A date in the same form: each day or month number becomes 4-12 (a valid day and a
    valid month, whichever order the form uses; "th" for an ordinal), same width and
    zero-padding; a year becomes 1950-2004."""

    def number(match: re.Match[str]) -> str:
        digits, ordinal = match.group(1), match.group(2)
        if len(digits) == 4:
            return str(rng.randint(1950, 2004))
        if len(digits) == 2 and match.end() == len(original) and "." in original[:-2]:
            return str(rng.randint(50, 99))  # the two-digit year of "1.2.80"
        if len(digits) == 1:
            value = str(rng.randint(4, 9))
        elif digits.startswith("0"):
            value = f"0{rng.randint(4, 9)}"
        else:
            value = str(rng.randint(10, 12))
        return value + ("th" if ordinal else "")

    return re.sub(r"(\d+)(st|nd|rd|th)?", number, original)


_GENERATORS: dict[str, Callable[[str, random.Random, str], str]] = {
    "PHONE_NUMBER": _phone,
    "IBAN_CODE": _iban,
    "CREDIT_CARD": _card,
    "DE_TAX_ID": _de_tax_id,
    "IP_ADDRESS": _ip,
    "DATE_OF_BIRTH": _birth_date,
}


def identifier_surrogate(
    entity_type: str, original: str, rng: random.Random, language: str
) -> str:
    """One candidate surrogate of a number, code or date (no collision check)."""
    maker = _GENERATORS.get(entity_type)
    if maker is None:
        return _shape_alike(original, rng)
    return maker(original, rng, language)
