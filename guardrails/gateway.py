"""The guardrail as the gateway uses it: :class:`PolicyGuard` implements
``serving.stages.RequestGuard``; :func:`build_guard` wires it once at start.

Inbound, every text of every message (and of retrieved chunks) is protected in a worker
thread with a deadline: detection that fails or runs late refuses the request (503), it is
never forwarded unprotected. Outbound, :class:`GuardedRequest` restores the caller's values
(when the team's policy says so) and acts on identifiers the model wrote on its own.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from guardrails.audit import AuditSink, NullAudit, RotatingAuditLog
from guardrails.crypto import GuardKeys, configured_secret
from guardrails.engine import GuardEngine, GuardSnapshot, load_engine
from guardrails.findings import Decision, decide
from guardrails.language import SUPPORTED_LANGUAGES
from guardrails.messages import MessageTexts
from guardrails.protector import UNRESTORABLE_PREFIX, Caller, ScopeVault, TextProtector
from guardrails.pseudonyms import LITERAL_ENTITY, PseudonymStyle, TokenMatch
from guardrails.restore import StreamRestorer
from guardrails.rewriter import Operators
from guardrails.settings import GuardrailSettings
from guardrails.surrogate_style import SurrogateBook, SurrogateStyle
from guardrails.surrogates import SurrogateFactory
from guardrails.vault import KeptSurrogates, PlaceholderVault
from guardrails.vault_local import LocalVault
from guardrails.vault_redis import RedisVault
from serving.errors import PolicyBlocked, ServiceUnavailable
from serving.stages import CallerContext, RetrievedChunk

logger = logging.getLogger(__name__)

BLOCKED_MESSAGE = "The request contains personal data that the privacy policy does not allow: {}."
UNAVAILABLE_MESSAGE = "The privacy guardrail could not check this request; it was not forwarded."
#: Detections allowed to run on past their deadline (per worker) before new requests are
#: refused outright rather than piling more written-off threads onto the machine.
MAX_OVERRUN_FACTOR = 4


def _json_escape(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


class GuardedRequest:
    """One protected request (``serving.stages.GuardedCall``): what the model sees and how its
    answer maps back for the caller."""

    def __init__(
        self,
        messages: list[dict[str, Any]],
        snapshot: GuardSnapshot,
        protector: TextProtector,
        scope_vault: ScopeVault,
        caller: Caller,
        audit: AuditSink,
        language: str,
    ) -> None:
        self.messages = messages
        self.snapshot = snapshot
        self.protector = protector
        self.scope_vault = scope_vault
        self.caller = caller
        self._audit = audit
        self._language = language
        self._view = snapshot.view(caller.team)
        self._output_ops = Operators(
            pseudonymize=scope_vault.unrestorable_placeholder,
            hash_digest=protector.ops.hash_digest,
            label_for=snapshot.style.label_for,
        )

    @property
    def policy_version(self) -> str:
        """Version of the policy this request was judged under."""
        return self._view.version

    def _resolve(self, token: TokenMatch) -> str | None:
        entry = self.scope_vault.entry(token)
        if entry is None:
            return None
        entity_type, value = entry
        if entity_type == LITERAL_ENTITY:
            return value  # the caller's own text that merely looked like a placeholder
        if entity_type.startswith(UNRESTORABLE_PREFIX) or not self._view.restore:
            return None
        # a surrogate's form ("Lena" of "Lena Weber", "Webers") maps to the same form
        return token.replacement if token.replacement is not None else value

    @property
    def style(self) -> PseudonymStyle:
        """How pseudonyms look in this request: typed tokens, plus its surrogates if any."""
        book = self.scope_vault.surrogates
        if book is None:
            return self.snapshot.style
        return SurrogateStyle(self.snapshot.style, book)

    def _scan(self, text: str) -> list[Decision]:
        findings = self.snapshot.detector.detect_structured(text, self._language)
        if not findings:
            return []
        decided = decide(text, findings, self._view)
        out = []
        for d in decided:
            value = text[d.finding.start : d.finding.end]
            if self.scope_vault.provided(d.finding.entity_type, value):
                continue
            out.append(Decision(d.finding, "redact") if d.action == "block" else d)
        return out

    def _report(self, decision: Decision, value: str) -> None:
        event = self.protector.event("answer", "output", decision, value, self._language)
        self._audit.write([event])

    def stream_restorer(self, json_escape: bool = False) -> StreamRestorer:
        """A fresh restorer for one streamed choice; ``json_escape`` for tool-call arguments."""
        return StreamRestorer(
            self.style,
            self._resolve,
            self._output_ops,
            scan=self._scan if self._view.output_scan else None,
            deny_prefixes=self.snapshot.deny_prefixes,
            escape=_json_escape if json_escape else None,
            report=self._report,
            shadow=self._view.mode != "enforce",
        )

    def restore(self, text: str) -> str:
        """The whole answer for the caller."""
        restorer = self.stream_restorer()
        return restorer.feed(text) + restorer.flush()

    def restore_json(self, text: str) -> str:
        """Tool-call arguments (a JSON string) with placeholders restored inside strings."""
        try:
            parsed = json.loads(text)
        except ValueError:
            restorer = self.stream_restorer(json_escape=True)
            return restorer.feed(text) + restorer.flush()
        return json.dumps(self._restore_value(parsed), ensure_ascii=False)

    def _restore_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.restore(value)
        if isinstance(value, list):
            return [self._restore_value(v) for v in value]
        if isinstance(value, dict):
            return {k: self._restore_value(v) for k, v in value.items()}
        return value


class PolicyGuard:
    """The privacy guardrail (``serving.stages.RequestGuard``)."""

    def __init__(
        self,
        engine: GuardEngine,
        vault: PlaceholderVault,
        keys: GuardKeys,
        audit: AuditSink,
        detection_timeout_s: float = 10.0,
        workers: int = 2,
    ) -> None:
        self.engine = engine
        self.vault = vault
        self.keys = keys
        self.audit = audit
        self._timeout = detection_timeout_s
        self._workers = workers
        self._executor = self._new_pool()
        #: detections still running past their deadline; each holds a written-off thread
        self._overrun: set[Future[Any]] = set()
        self._surrogates = SurrogateFactory(keys.surrogate_key)

    def _new_pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="guard")

    async def _run(self, work: Callable[[], Any]) -> Any:
        self._overrun = {f for f in self._overrun if not f.done()}
        if len(self._overrun) >= MAX_OVERRUN_FACTOR * self._workers:
            logger.error(
                "guardrail saturated: %d detections overran their deadline; request refused",
                len(self._overrun),
            )
            raise ServiceUnavailable(UNAVAILABLE_MESSAGE)
        executor = self._executor
        job = executor.submit(work)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(job), timeout=self._timeout)
        except PolicyBlocked:
            raise
        except TimeoutError:
            if job.running():
                # a Python thread cannot be stopped: write it off and give later requests a
                # fresh pool instead of queueing them behind it
                self._overrun.add(job)
                if executor is self._executor:
                    self._executor = self._new_pool()
                    executor.shutdown(wait=False)
            logger.error(
                "guardrail detection timed out after %.1fs; request refused", self._timeout
            )
            raise ServiceUnavailable(UNAVAILABLE_MESSAGE) from None
        except Exception as exc:
            # the exception text may quote the input: log its type only
            logger.error("guardrail detection failed (%s); request refused", type(exc).__name__)
            raise ServiceUnavailable(UNAVAILABLE_MESSAGE) from None

    async def guard_input(
        self, messages: list[dict[str, Any]], ctx: CallerContext
    ) -> GuardedRequest:
        """Protect every text of every message; raise PolicyBlocked or ServiceUnavailable."""
        return await self._run(lambda: self.protect_messages(messages, ctx))

    def protect_messages(
        self, messages: list[dict[str, Any]], ctx: CallerContext
    ) -> GuardedRequest:
        """Synchronous core of :meth:`guard_input` (runs in a worker thread)."""
        snapshot = self.engine.snapshot
        view = snapshot.view(ctx.team)
        caller = Caller(ctx.request_id, ctx.team, ctx.conversation_id, ctx.vault_scope)
        texts = MessageTexts(messages)
        book = None
        if view.pseudonym_style == "surrogates":
            # new surrogates must not collide with anything the model sees in this request;
            # the vault keeps each one for the rest of the conversation
            memory = KeptSurrogates(self.vault, self.keys.sealer, caller.scope)
            slots = [s.text for s in texts.slots]
            book = SurrogateBook(self._surrogates, caller.scope, slots, memory)
        scope_vault = ScopeVault(self.vault, self.keys, caller.scope, snapshot, book)
        protector = TextProtector(
            snapshot, view, scope_vault, self.keys, self.engine.languages, caller
        )
        planned = [protector.plan(slot.path, slot.text, "input") for slot in texts.slots]
        planned = protector.spread_mentions(planned, "input")
        blocked = protector.blocked_types(planned)
        self.audit.write(protector.events)
        protector.events.clear()
        if blocked:
            raise PolicyBlocked(BLOCKED_MESSAGE.format(", ".join(blocked)))
        for slot, text in zip(texts.slots, protector.apply_all(planned), strict=True):
            slot.replace(text)
        language = _answer_language(messages, planned, self.engine.languages.default)
        return GuardedRequest(
            texts.messages(), snapshot, protector, scope_vault, caller, self.audit, language
        )

    async def guard_context(
        self, call: Any, chunks: list[RetrievedChunk], ctx: CallerContext
    ) -> list[RetrievedChunk]:
        """Protect retrieved text with the request's vault scope, so the answer restores."""
        if not isinstance(call, GuardedRequest):
            raise TypeError("guard_context needs the GuardedRequest of guard_input")
        return await self._run(lambda: self.protect_chunks(call, chunks))

    def protect_chunks(
        self, call: GuardedRequest, chunks: list[RetrievedChunk]
    ) -> list[RetrievedChunk]:
        """Synchronous core of :meth:`guard_context`."""
        protector = call.protector
        if call.scope_vault.surrogates is not None:
            call.scope_vault.surrogates.add_texts(chunk.text for chunk in chunks)
        planned = [
            protector.plan(f"context[{i}]", chunk.text, "context") for i, chunk in enumerate(chunks)
        ]
        # a name or personal place the messages protect stays protected in the excerpts
        planned = protector.spread_mentions(planned, "context")
        out = [
            RetrievedChunk(text=text, source=chunk.source)
            for chunk, text in zip(chunks, protector.apply_all(planned), strict=True)
        ]
        self.audit.write(protector.events)
        protector.events.clear()
        return out

    def close(self) -> None:
        """Stop the policy watcher and worker threads; close the vault and the audit log."""
        self.engine.close()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self.vault.close()
        self.audit.close()


def _answer_language(messages: list[dict[str, Any]], planned: list[Any], default: str) -> str:
    """The answer is scanned in the language of the last user text."""
    for plan in reversed(planned):
        if ".content" in plan.path and _role_at(messages, plan.path) == "user":
            return str(plan.language)
    return default


def _role_at(messages: list[dict[str, Any]], path: str) -> str | None:
    try:
        index = int(path.split("[", 1)[1].split("]", 1)[0])
    except (IndexError, ValueError):
        return None
    message = messages[index] if 0 <= index < len(messages) else None
    return message.get("role") if isinstance(message, dict) else None


#: Made-up text that touches every lazily built part of detection (the e-mail validator's
#: suffix list, the tagger session), so the first real request does not pay for them.
WARM_UP_TEXT = "Warm-up: Herr Max Mustermann, max.mustermann@example.com, +49 30 1234567."


def _warm_up(engine: GuardEngine) -> None:
    detector = engine.snapshot.detector
    for language in SUPPORTED_LANGUAGES:
        detector.detect(WARM_UP_TEXT, language)


def open_vault(
    settings: GuardrailSettings, data_dir: Path, environ: Mapping[str, str]
) -> PlaceholderVault:
    """The configured vault backend."""
    vault_settings = settings.vault
    if vault_settings.backend == "redis":
        url = environ.get(vault_settings.redis_url_env)
        if not url:
            raise ValueError(
                f"guardrails.vault.backend is redis but {vault_settings.redis_url_env} is not set"
            )
        vault = RedisVault(url, vault_settings.ttl_s, vault_settings.key_prefix)
        vault.ping()
        return vault
    return LocalVault(data_dir / "vault" / "vault.sqlite3", vault_settings.ttl_s)


def build_guard(
    settings: GuardrailSettings,
    data_dir: Path,
    environ: Mapping[str, str] | None = None,
) -> PolicyGuard:
    """The guard for the gateway: loads spaCy/Presidio once, starts the policy watcher,
    opens the vault and the audit log. Call :meth:`PolicyGuard.close` at shutdown."""
    env = os.environ if environ is None else environ
    keys = GuardKeys(configured_secret(data_dir, settings.secret_env, env))
    engine = load_engine(settings)
    _warm_up(engine)
    engine.start_watching(settings.policy_reload_interval_s)
    audit: AuditSink = (
        RotatingAuditLog(data_dir / "audit", settings.audit.max_bytes, settings.audit.backups)
        if settings.audit.enabled
        else NullAudit()
    )
    vault = open_vault(settings, data_dir, env)
    return PolicyGuard(
        engine, vault, keys, audit, settings.detection_timeout_s, settings.detection_workers
    )
