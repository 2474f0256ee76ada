"""The privacy policy: what to do with each kind of personal data, per team.

Pure model, no I/O: :mod:`guardrails.policy_store` reads and watches the YAML file. Every
section rejects unknown keys and every entity type must be known (predefined or declared by a
custom recognizer), so a typo in the file is refused instead of silently protecting nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from guardrails.public_figures import PublicFigures, public_figures

Action = Literal["allow", "pseudonymize", "mask", "hash", "redact", "block"]
Mode = Literal["enforce", "shadow"]
Language = Literal["en", "de"]
Validator = Literal["none", "luhn", "iban", "de_tax_id", "mod97"]
PseudonymStyleName = Literal["tokens", "surrogates"]

ENTITY_NAME = re.compile(r"^[A-Z][A-Z0-9_]*[A-Z0-9]$")

#: Entity types the detection layer can produce without custom recognizers.
PREDEFINED_ENTITIES: frozenset[str] = frozenset(
    {
        # names and places (NER + rules)
        "PERSON", "LOCATION", "ORGANIZATION", "NRP", "DATE_TIME", "STREET_ADDRESS",
        # where a person lives, was born or comes from (guardrails.personal_locations)
        "PERSONAL_LOCATION",
        # user names and account ids after a cue (guardrails.recognizers.usernames)
        "USERNAME",
        # a full date after a birth cue (guardrails.recognizers.birth_dates)
        "DATE_OF_BIRTH",
        # a web address its owner calls their own (guardrails.recognizers.urls)
        "PERSONAL_URL",
        # a personnel, customer or bank account number after its cue
        # (guardrails.recognizers.cued_numbers, which also finds driving licence numbers after
        # theirs: US_DRIVER_LICENSE and DE_FUEHRERSCHEIN below)
        "EMPLOYEE_ID", "CUSTOMER_ID", "BANK_ACCOUNT", "MEDICAL_RECORD",
        # a vehicle identification number or a licence plate of any country after its cue
        # (same module)
        "VEHICLE_ID",
        # a password or PIN after its cue (same module); keys, tokens, private keys and URL
        # passwords (guardrails.recognizers.secrets)
        "PASSWORD", "SECRET",
        # latitude and longitude (guardrails.recognizers.coordinates)
        "GEO_COORDINATES",
        # generic patterns
        "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "IP_ADDRESS", "URL",
        "CRYPTO", "MAC_ADDRESS",
        # German identifiers (Presidio's German recognizers)
        "DE_TAX_ID", "DE_TAX_NUMBER", "DE_ID_CARD", "DE_PASSPORT", "DE_VAT_ID", "DE_KFZ",
        "DE_SOCIAL_SECURITY", "DE_HEALTH_INSURANCE", "DE_HANDELSREGISTER", "DE_FUEHRERSCHEIN",
        # US / UK identifiers (Presidio's English recognizers)
        "US_SSN", "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "US_ITIN",
        "UK_NHS", "UK_NINO", "MEDICAL_LICENSE",
    }
)  # fmt: skip


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression ({exc.msg} at position {exc.pos})") from None
    return pattern


class EntityRule(_Strict):
    """What happens to one entity type above its score threshold."""

    action: Action
    threshold: float = Field(0.5, ge=0.0, le=1.0, description="Minimum detection score.")
    mask_keep_last: int = Field(
        0, ge=0, le=8, description="mask: characters left visible at the end (e.g. 4 of a card)."
    )


class EntityOverride(_Strict):
    """A team's change to one entity rule; unset fields keep the global value."""

    action: Action | None = None
    threshold: float | None = Field(None, ge=0.0, le=1.0)
    mask_keep_last: int | None = Field(None, ge=0, le=8)


class AllowList(_Strict):
    """Terms never touched, whatever a recognizer thinks (company name, public mailbox...)."""

    exact: tuple[str, ...] = ()
    regex: tuple[str, ...] = Field((), description="Matched against the whole detected text.")
    case_sensitive: bool = False

    @field_validator("regex")
    @classmethod
    def _regexes_compile(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            _compiles(value)
        return values


class PatternSpec(_Strict):
    """One regular expression of a custom recognizer."""

    name: str = Field(min_length=1)
    regex: str = Field(min_length=1)
    score: float = Field(0.6, gt=0.0, le=1.0)

    @field_validator("regex")
    @classmethod
    def _regex_compiles(cls, value: str) -> str:
        return _compiles(value)


class RecognizerSpec(_Strict):
    """A project-specific recognizer: regex patterns and/or a deny-list of known values."""

    name: str = Field(min_length=1)
    entity: str
    languages: tuple[Language, ...] = ("en", "de")
    patterns: tuple[PatternSpec, ...] = ()
    validator: Validator = Field("none", description="Checksum a regex match must pass.")
    context: tuple[str, ...] = Field((), description="Nearby words that raise the score.")
    deny_list: tuple[str, ...] = Field((), description="Known values, matched as whole words.")
    deny_list_score: float = Field(0.9, gt=0.0, le=1.0)
    case_sensitive: bool = Field(False, description="Deny-list matching respects case.")

    @field_validator("entity")
    @classmethod
    def _entity_name(cls, value: str) -> str:
        if not ENTITY_NAME.match(value):
            raise ValueError("entity type must be UPPER_SNAKE_CASE")
        return value

    @model_validator(mode="after")
    def _has_something_to_find(self) -> RecognizerSpec:
        if not self.patterns and not self.deny_list:
            raise ValueError("a recognizer needs patterns or a deny_list")
        if not self.languages:
            raise ValueError("a recognizer needs at least one language")
        return self


class _FigureNames(_Strict):
    """Public figures a policy adds to the list (guardrails.public_figures)."""

    names: tuple[str, ...] = Field(
        (), description="More public figures: full names, or a name known alone."
    )

    @field_validator("names")
    @classmethod
    def _names_have_letters(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        blank = [i for i, v in enumerate(values) if not any(c.isalpha() for c in v)]
        if blank:
            raise ValueError(f"public figure names need letters (entries {blank})")
        return values


class PublicFiguresPolicy(_FigureNames):
    """Well-known people named in a text (guardrails.public_figures)."""

    allow: bool = Field(
        False,
        description="Leave a person's mention that names a well-known public figure untouched "
        "('Wer war Konrad Adenauer?'); it is still reported, as PERSON with action allow. "
        "Never after a form of address or greeting ('Frau Merkel').",
    )


class TeamPublicFigures(_FigureNames):
    """A team's change to the public figures: allowed or not, and more names."""

    allow: bool | None = None


class TeamPolicy(_Strict):
    """Per-team overrides of the global policy."""

    mode: Mode | None = None
    restore: bool | None = None
    pseudonym_style: PseudonymStyleName | None = None
    entities: dict[str, EntityOverride] = {}
    allow: AllowList = AllowList()
    public_figures: TeamPublicFigures = TeamPublicFigures()


class OutputPolicy(_Strict):
    """Scanning of the model's answer for personal data the caller did not provide."""

    scan: bool = Field(
        True,
        description="Apply the entity actions to identifiers (e-mail, phone, IBAN, card, "
        "IDs, deny-listed terms) the model writes on its own; block acts as redact there.",
    )


class PiiPolicy(_Strict):
    """The whole policy file."""

    version: Literal[1] = 1
    mode: Mode = "enforce"
    restore: bool = Field(True, description="Restore the caller's values in answers.")
    pseudonym_style: PseudonymStyleName = Field(
        "tokens",
        description="How pseudonyms look to the model: typed tokens ([PERSON_1]) or realistic "
        "surrogates of the same kind and language (a plausible name, a fake but well-formed "
        "e-mail, phone, IBAN ...; guardrails.surrogates). Teams may choose their own.",
    )
    entities: dict[str, EntityRule] = {}
    allow: AllowList = AllowList()
    public_figures: PublicFiguresPolicy = PublicFiguresPolicy()
    recognizers: tuple[RecognizerSpec, ...] = ()
    teams: dict[str, TeamPolicy] = {}
    output: OutputPolicy = OutputPolicy()

    @model_validator(mode="after")
    def _known_entities(self) -> PiiPolicy:
        known = PREDEFINED_ENTITIES | {spec.entity for spec in self.recognizers}
        problems = [f"entities.{name}" for name in self.entities if name not in known]
        for team, override in self.teams.items():
            problems += [f"teams.{team}.entities.{n}" for n in override.entities if n not in known]
        if problems:
            raise ValueError(
                "unknown entity type at " + ", ".join(problems) + " (neither predefined nor "
                "declared by a recognizer)"
            )
        names = [spec.name for spec in self.recognizers]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError("duplicate recognizer name(s): " + ", ".join(duplicates))
        return self

    def detected_entities(self) -> frozenset[str]:
        """Types worth detecting: not ``allow`` globally or for at least one team."""
        wanted = {name for name, rule in self.entities.items() if rule.action != "allow"}
        for team in self.teams.values():
            wanted |= {n for n, o in team.entities.items() if o.action not in (None, "allow")}
        return frozenset(wanted)

    def min_threshold(self) -> float:
        """The lowest threshold in use, so detection keeps everything any team may need."""
        scores = [rule.threshold for rule in self.entities.values()]
        for team in self.teams.values():
            scores += [o.threshold for o in team.entities.values() if o.threshold is not None]
        return min(scores, default=0.5)


class AllowMatcher:
    """Compiled allow-list: exact terms and whole-match regexes."""

    def __init__(self, lists: tuple[AllowList, ...]) -> None:
        self._exact_cs: set[str] = set()
        self._exact_ci: set[str] = set()
        patterns: list[re.Pattern[str]] = []
        for allow in lists:
            if allow.case_sensitive:
                self._exact_cs.update(allow.exact)
            else:
                self._exact_ci.update(term.casefold() for term in allow.exact)
            flags = 0 if allow.case_sensitive else re.IGNORECASE
            patterns += [re.compile(p, flags) for p in allow.regex]
        self._patterns = tuple(patterns)

    def allows(self, text: str) -> bool:
        """True when ``text`` (a detected span) must stay untouched."""
        stripped = text.strip()
        if stripped in self._exact_cs or stripped.casefold() in self._exact_ci:
            return True
        return any(p.fullmatch(stripped) for p in self._patterns)


@dataclass(frozen=True)
class TeamView:
    """The policy as it applies to one team: merged rules, allow-list, mode, restore, the
    pseudonym style and the public figures left untouched (None: none are)."""

    team: str
    mode: Mode
    restore: bool
    rules: dict[str, EntityRule]
    allow: AllowMatcher
    output_scan: bool
    version: str
    pseudonym_style: PseudonymStyleName = "tokens"
    public_figures: PublicFigures | None = None

    def rule_for(self, entity_type: str) -> EntityRule | None:
        """The rule of a type, or None where the policy does not act on it (allow)."""
        rule = self.rules.get(entity_type)
        return None if rule is None or rule.action == "allow" else rule


@dataclass(frozen=True)
class LoadedPolicy:
    """A validated policy with its version (short sha256 of the file) and source."""

    policy: PiiPolicy
    version: str
    source: str

    @cached_property
    def _views(self) -> dict[str, TeamView]:
        return {}

    def for_team(self, team: str) -> TeamView:
        """The merged view for ``team`` (the global policy for teams without overrides)."""
        view = self._views.get(team)
        if view is None:
            view = self._build_view(team)
            self._views[team] = view
        return view

    def _build_view(self, team: str) -> TeamView:
        base = self.policy
        override = base.teams.get(team, TeamPolicy())
        rules = dict(base.entities)
        for name, change in override.entities.items():
            current = rules.get(name, EntityRule(action="allow"))
            updates = {k: v for k, v in change.model_dump().items() if v is not None}
            rules[name] = current.model_copy(update=updates)
        return TeamView(
            team=team,
            mode=override.mode or base.mode,
            restore=base.restore if override.restore is None else override.restore,
            rules=rules,
            allow=AllowMatcher((base.allow, override.allow)),
            output_scan=base.output.scan,
            version=self.version,
            pseudonym_style=override.pseudonym_style or base.pseudonym_style,
            public_figures=self._public_figures(override),
        )

    def _public_figures(self, override: TeamPolicy) -> PublicFigures | None:
        base, change = self.policy.public_figures, override.public_figures
        allowed = base.allow if change.allow is None else change.allow
        return public_figures(base.names + change.names) if allowed else None
