"""Read the policy file and keep the current version, reloading it when the file changes.

A valid change replaces the policy for the next request; an invalid one is logged with the
file, the key path and the reason (never values) and the previous policy stays in force.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import ValidationError

from guardrails.policy import LoadedPolicy, PiiPolicy
from serving.config_loader import ConfigError, format_validation_error

logger = logging.getLogger(__name__)

VERSION_CHARS = 12


class PolicyError(ConfigError):
    """A policy file that cannot be used; the message names file, key path and reason."""


def policy_version(raw: bytes) -> str:
    """The version recorded with every decision: a short sha256 of the file's bytes."""
    return hashlib.sha256(raw).hexdigest()[:VERSION_CHARS]


def parse_policy(raw: bytes, source: str) -> LoadedPolicy:
    """Validate policy bytes (YAML); raises :class:`PolicyError` naming key path and reason."""
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PolicyError(f"{source}: (top level): not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise PolicyError(f"{source}: {where}{problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PolicyError(f"{source}: (top level): must be a mapping")
    try:
        policy = PiiPolicy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(format_validation_error(source, exc)) from None
    return LoadedPolicy(policy=policy, version=policy_version(raw), source=source)


def load_policy(path: Path) -> LoadedPolicy:
    """Read and validate a policy file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError(f"{path}: file not found") from None
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_policy(raw, str(path))


class PolicyStore:
    """Holds the current policy; :meth:`check` (or the watcher thread) picks up file changes.

    ``on_change`` runs after a valid new policy was loaded and before it becomes current, so
    dependants (the detector's custom recognizers) are rebuilt first; if it raises, the change
    is refused like an invalid file.
    """

    def __init__(
        self,
        path: Path,
        on_change: Callable[[LoadedPolicy], None] | None = None,
    ) -> None:
        self._path = path
        self._on_change = on_change
        self._lock = threading.Lock()
        self._stamp = self._stat()
        self._current = load_policy(path)
        if on_change is not None:
            on_change(self._current)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def current(self) -> LoadedPolicy:
        """The policy in force now."""
        return self._current

    def _stat(self) -> tuple[float, int] | None:
        try:
            st = self._path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def check(self) -> bool:
        """Reload if the file changed; True when a new policy became current."""
        with self._lock:
            stamp = self._stat()
            if stamp == self._stamp:
                return False
            self._stamp = stamp
            try:
                loaded = load_policy(self._path)
            except PolicyError as exc:
                return self._refuse(exc)
            if loaded.version == self._current.version:
                return False
            if self._on_change is not None:
                try:
                    self._on_change(loaded)
                except PolicyError as exc:
                    return self._refuse(exc)
                except Exception as exc:  # a recognizer that cannot be built
                    return self._refuse(f"{self._path}: {type(exc).__name__}")
            self._current = loaded
            logger.info("policy %s loaded from %s", loaded.version, self._path)
            return True

    def _refuse(self, reason: object) -> bool:
        """Log why a changed file was not applied (file, key path, reason); the old policy
        stays."""
        logger.error(
            "policy change refused, previous policy %s stays: %s", self._current.version, reason
        )
        return False

    def start_watching(self, interval_s: float) -> None:
        """Poll the file every ``interval_s`` seconds in a daemon thread."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._watch, args=(interval_s,), name="policy-watcher", daemon=True
        )
        self._thread.start()

    def _watch(self, interval_s: float) -> None:
        while not self._stop.wait(interval_s):
            try:
                self.check()
            except Exception:  # never let the watcher die; the old policy stays
                logger.exception("policy watcher failed; previous policy stays")

    def close(self) -> None:
        """Stop the watcher thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
