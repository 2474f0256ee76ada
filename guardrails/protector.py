"""Protect the texts of one request: detect, decide, refuse or rewrite, and audit.

Runs in a worker thread (detection is CPU-bound). Two phases, so a blocked request leaves no
vault entries behind: first every text is analysed and decided, then - if nothing is blocked -
rewritten with placeholders (typed tokens or realistic surrogates) from the request's
:class:`ScopeVault`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from guardrails.audit import AuditEvent, Direction, now
from guardrails.crypto import GuardKeys
from guardrails.encoded_text import EncodedText, encoded_text
from guardrails.engine import GuardSnapshot
from guardrails.findings import Decision, Finding, decide
from guardrails.language import LanguageDetector
from guardrails.name_aliases import person_aliases, same_part
from guardrails.normalization import normalize_value
from guardrails.policy import TeamView
from guardrails.pseudonyms import LITERAL_ENTITY, TokenMatch
from guardrails.repeated_mentions import (
    REPEATED_MENTION,
    REPEATED_TYPES,
    Taken,
    free_mentions,
    mention_value,
)
from guardrails.rewriter import Operators, pseudonymized, replacements, splice
from guardrails.routing import detect_routed
from guardrails.surrogate_style import SurrogateBook
from guardrails.vault import NewValue, PlaceholderVault

#: Vault entries for personal data the model wrote on its own: shown as placeholders, never
#: restored (the caller did not provide the value).
UNRESTORABLE_PREFIX = "OUTPUT:"


@dataclass(frozen=True)
class Caller:
    """Who asks, as recorded in audit events."""

    request_id: str
    team: str
    conversation_id: str
    scope: str


class ScopeVault:
    """The vault as one request sees it: one scope, sealed values, a local cache.

    Also remembers which values the caller provided in this request (input and retrieved
    context), so the output scan leaves those alone: the values detected there, and any
    value that stands verbatim in those texts (detection may split a text differently once
    placeholders replace its neighbours; the caller wrote it, so echoing it leaks nothing).
    """

    def __init__(
        self,
        vault: PlaceholderVault,
        keys: GuardKeys,
        scope: str,
        snapshot: GuardSnapshot,
        surrogates: SurrogateBook | None = None,
    ) -> None:
        self._vault = vault
        self._keys = keys
        self._scope = scope
        self._style = snapshot.style
        self._known: dict[tuple[str, int], tuple[str, str]] = {}
        #: indexes assigned ahead by :meth:`reserve`, by (entity type, value)
        self._reserved: dict[tuple[str, str], int] = {}
        self._provided: set[str] = set()
        #: the texts the caller sent or may read (in memory for the request only)
        self._sent: list[str] = []
        #: the request's surrogates when the team's style is ``surrogates`` (else tokens)
        self.surrogates = surrogates
        #: names standing for a full name of the request (:mod:`guardrails.name_aliases`)
        self.person_aliases: dict[str, str] = {}

    def placeholder(self, entity_type: str, value: str) -> str:
        """The placeholder of ``value`` in this scope (stable; new on first sight).

        With surrogates, the caller's values get a realistic surrogate; values the model wrote
        on its own (never restored) and literals keep typed tokens.
        """
        label = self._style.label_for(entity_type.removeprefix(UNRESTORABLE_PREFIX))
        written, value = value, self._canonical(entity_type, value)
        self.reserve([(entity_type, value)])  # a no-op when reserved with the request
        index = self._reserved[(entity_type, value)]
        self._known.setdefault((label, index), (entity_type, value))
        if (
            self.surrogates is not None
            and entity_type != LITERAL_ENTITY
            and not entity_type.startswith(UNRESTORABLE_PREFIX)
        ):
            made = self.surrogates.surrogate(entity_type, label, index, value)
            if made is not None:  # "Frau Brückner" reads "Frau Heinrich", not the full name
                return same_part(written, value, made)
        return self._style.render(label, index)

    def reserve(self, values: Iterable[tuple[str, str]]) -> None:
        """Assign the placeholders of ``(entity type, value)`` pairs in one vault call, in
        order (the indexes :meth:`placeholder` would give them one by one)."""
        canonical = ((t, self._canonical(t, v)) for t, v in values)
        pairs = list(dict.fromkeys(v for v in canonical if v not in self._reserved))
        if not pairs:
            return
        new = [self._new_value(entity_type, value) for entity_type, value in pairs]
        for pair, index in zip(pairs, self._vault.assign_many(self._scope, new), strict=True):
            self._reserved[pair] = index

    def _canonical(self, entity_type: str, value: str) -> str:
        """The value a placeholder stands for: a person's full name for its surname alone."""
        return self.person_aliases.get(value, value) if entity_type == "PERSON" else value

    def _new_value(self, entity_type: str, value: str) -> NewValue:
        base_type = entity_type.removeprefix(UNRESTORABLE_PREFIX)
        normalized = normalize_value(base_type, value)
        return NewValue(
            fingerprint=self._keys.fingerprint(self._scope, entity_type, normalized),
            entity_type=entity_type,
            label=self._style.label_for(base_type),
            sealed=self._keys.sealer.seal(self._scope, value),
        )

    def unrestorable_placeholder(self, entity_type: str, value: str) -> str:
        """A placeholder for a value the model wrote on its own; never resolved back."""
        return self.placeholder(UNRESTORABLE_PREFIX + entity_type, value)

    def entry(self, token: TokenMatch) -> tuple[str, str] | None:
        """(entity type, value) behind a token in this scope, or None."""
        index = token.index
        if index is None:  # "[PERSON]": unambiguous only with exactly one such value
            if self._vault.count(self._scope, token.label) != 1:
                return None
            index = 1
        cached = self._known.get((token.label, index))
        if cached is not None:
            return cached
        stored = self._vault.lookup(self._scope, token.label, index)
        if stored is None:
            return None
        value = self._keys.sealer.open(self._scope, stored.sealed)
        if value is None:
            return None
        self._known[(token.label, index)] = (stored.entity_type, value)
        return stored.entity_type, value

    def note_provided(self, entity_type: str, value: str) -> None:
        """Remember a value the caller sent (or may read in retrieved context)."""
        self._provided.add(normalize_value(entity_type, value))

    def note_sent(self, text: str) -> None:
        """Remember a text the caller sent (or may read in retrieved context)."""
        self._sent.append(text)

    def provided(self, entity_type: str, value: str) -> bool:
        """True when the caller sent this value in the request (detected there, or written
        there as it stands)."""
        if normalize_value(entity_type, value) in self._provided:
            return True
        return any(value in text for text in self._sent)


@dataclass
class _Planned:
    path: str
    #: what the text says (read decoded where it is encoded or written unusually: see
    #: :mod:`guardrails.encoded_text`); every offset below is into it
    text: str
    language: str
    decisions: list[Decision]
    literals: list[TokenMatch]
    #: the text as sent and its decoding when it holds encoded text, else None
    encoded: EncodedText | None = None

    @property
    def raw(self) -> str:
        """The text as sent."""
        return self.text if self.encoded is None else self.encoded.raw


class TextProtector:
    """Protects the texts of one request under one policy snapshot."""

    def __init__(
        self,
        snapshot: GuardSnapshot,
        view: TeamView,
        scope_vault: ScopeVault,
        keys: GuardKeys,
        languages: LanguageDetector,
        caller: Caller,
    ) -> None:
        self._snap = snapshot
        self._view = view
        self._vault = scope_vault
        self._keys = keys
        self._languages = languages
        self._caller = caller
        self.events: list[AuditEvent] = []
        #: names and personal places protected so far in this request, by mention value
        self._mentions: dict[str, Decision] = {}
        #: the names rewritten so far in this request (messages, then retrieved context)
        self._person_values: list[str] = []
        self.ops = Operators(
            pseudonymize=scope_vault.placeholder,
            hash_digest=lambda t, v: keys.hash_token(t, normalize_value(t, v)),
            label_for=snapshot.style.label_for,
        )

    def plan(
        self, path: str, text: str, direction: Direction, language: str | None = None
    ) -> _Planned:
        """Analyse and decide one text (no rewriting yet); records audit events."""
        encoded = encoded_text(text)
        if encoded is not None:
            text = encoded.text
        language, found = detect_routed(self._snap.detector, self._languages, text, language)
        tokens = list(self._snap.style.find(text))
        literals = [t for t in tokens if self._vault.entry(t) is None]
        findings = [f for f in found if not any(f.start < t.end and t.start < f.end for t in tokens)]
        self._vault.note_sent(text)
        for finding in findings:
            self._vault.note_provided(finding.entity_type, text[finding.start : finding.end])
        decisions = decide(text, findings, self._view)
        if direction != "input":  # refusing is for what the caller sends; elsewhere redact
            decisions = [
                Decision(d.finding, "redact") if d.action == "block" else d for d in decisions
            ]
        for d in decisions:
            value = text[d.finding.start : d.finding.end]
            self.events.append(self.event(path, direction, d, value, language))
        return _Planned(path, text, language, decisions, literals, encoded)

    def spread_mentions(self, planned: Sequence[_Planned], direction: Direction) -> list[_Planned]:
        """Mentions, in any text of the request, of a name or personal place that another text
        protects get the same decision: a chat resends its history, so "Leipzig ist schön" in
        this turn would give away the "Ich wohne in Leipzig" of an earlier one. What the
        request's messages protect also counts in its retrieved context (protected later, by
        a second call). Records the added decisions' audit events."""
        protected = self._mentions
        for p in planned:
            for d in p.decisions:
                if d.action != "allow" and d.finding.entity_type in REPEATED_TYPES:
                    value = mention_value(p.text, d.finding)
                    if value:
                        protected.setdefault(value, d)
        if not protected:
            return list(planned)
        spread = []
        for p in planned:
            taken = Taken(len(p.text), [(d.finding.start, d.finding.end) for d in p.decisions])
            for t in p.literals:
                taken.add(t.start, t.end)
            added = []
            for value, decision in protected.items():
                for start, end in free_mentions(p.text, value, taken):
                    finding = replace(
                        decision.finding, start=start, end=end, recognizer=REPEATED_MENTION
                    )
                    added.append(replace(decision, finding=finding))
                    self.events.append(self.event(p.path, direction, added[-1], value, p.language))
            if added:
                decisions = sorted([*p.decisions, *added], key=lambda d: d.finding.start)
                p = replace(p, decisions=decisions)
            spread.append(p)
        return spread

    def blocked_types(self, planned: Sequence[_Planned]) -> list[str]:
        """Entity types that make the request refused (enforce mode only)."""
        if self._view.mode != "enforce":
            return []
        return sorted(
            {d.finding.entity_type for p in planned for d in p.decisions if d.action == "block"}
        )

    def apply(self, planned: _Planned) -> str:
        """The text the model sees (unchanged in shadow mode)."""
        return self.apply_all([planned])[0]

    def apply_all(self, planned: Sequence[_Planned]) -> list[str]:
        """The texts the model sees (unchanged in shadow mode); the request's new
        placeholders are assigned in one vault call before any text is rewritten."""
        if self._view.mode != "enforce":
            return [p.raw for p in planned]
        rewrites = [self._rewrites(p) for p in planned]
        pairs = [
            pair for p, decisions in zip(planned, rewrites, strict=True)
            for pair in pseudonymized(p.text, decisions)
        ]  # fmt: skip
        self._person_values += [value for entity_type, value in pairs if entity_type == "PERSON"]
        self._vault.person_aliases = person_aliases(self._person_values)
        self._vault.reserve(pairs)
        out = []
        for p, decisions in zip(planned, rewrites, strict=True):
            if self._vault.surrogates is not None:
                self._vault.surrogates.language = p.language  # names of the text's language
            spans = replacements(p.text, decisions, self.ops)
            out.append(splice(p.text, spans) if p.encoded is None else p.encoded.rewrite(spans))
        return out

    @staticmethod
    def _rewrites(planned: _Planned) -> list[Decision]:
        """The text's decisions plus placeholder literals the caller typed (kept apart); in a
        text read decoded, a span running from one JSON value into the next is cut
        to its parts inside the values."""
        literal_decisions = [
            Decision(
                Finding(LITERAL_ENTITY, t.start, t.end, 1.0, "placeholder-literal"), "pseudonymize"
            )
            for t in planned.literals
        ]
        decisions = planned.decisions + literal_decisions
        if planned.encoded is None:
            return decisions
        pieces = planned.encoded.pieces
        return [
            replace(d, finding=replace(d.finding, start=start, end=end))
            for d in decisions
            for start, end in pieces(d.finding.start, d.finding.end)
        ]

    def event(
        self, path: str, direction: Direction, decision: Decision, value: str, language: str
    ) -> AuditEvent:
        """The audit event of one decision (the value only as a keyed HMAC)."""
        f = decision.finding
        return AuditEvent(
            time=now(),
            request_id=self._caller.request_id,
            team=self._caller.team,
            conversation_id=self._caller.conversation_id,
            direction=direction,
            path=path,
            entity_type=f.entity_type,
            recognizer=f.recognizer,
            score=f.score,
            action=decision.action,
            mode=self._view.mode,
            policy_version=self._view.version,
            value_hmac=self._keys.audit_hmac(f.entity_type, normalize_value(f.entity_type, value)),
            language=language,
        )
