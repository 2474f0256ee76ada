"""Every piece of text in OpenAI chat messages, so the guard misses no path.

Covers all roles (system, developer, user, assistant history, tool), string content and text
content parts, ``refusal`` parts, the ``name`` field, assistant ``tool_calls`` (and the legacy
``function_call``) whose ``arguments`` JSON is walked down to its string values, and tool
results. Pure: the caller decides what each text becomes.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class TextSlot:
    """One text in the messages: where it is (for audit, never the text) and what it says."""

    path: str
    text: str
    _set: Callable[[str], None]

    def replace(self, new_text: str) -> None:
        """Write ``new_text`` where this text was."""
        self._set(new_text)


class MessageTexts:
    """A private copy of the messages and the slots of all their texts."""

    def __init__(self, messages: list[dict[str, Any]]) -> None:
        self._messages = copy.deepcopy(messages)
        self._json_args: list[tuple[dict[str, Any], Any]] = []
        self.slots: list[TextSlot] = []
        for i, message in enumerate(self._messages):
            if isinstance(message, dict):
                self._collect_message(f"messages[{i}]", message)

    def _collect_message(self, path: str, message: dict[str, Any]) -> None:
        self._field(path, message, "content")
        self._field(path, message, "name")
        self._field(path, message, "refusal")
        content = message.get("content")
        if isinstance(content, list):
            for j, part in enumerate(content):
                if isinstance(part, dict):
                    for key in ("text", "refusal"):
                        self._field(f"{path}.content[{j}]", part, key)
        for k, call in enumerate(message.get("tool_calls") or []):
            function = call.get("function") if isinstance(call, dict) else None
            if isinstance(function, dict):
                self._arguments(f"{path}.tool_calls[{k}].function", function)
        if isinstance(message.get("function_call"), dict):
            self._arguments(f"{path}.function_call", message["function_call"])

    def _field(self, path: str, holder: dict[str, Any], key: str) -> None:
        value = holder.get(key)
        if isinstance(value, str) and value:
            self.slots.append(TextSlot(f"{path}.{key}", value, _setter(holder, key)))

    def _arguments(self, path: str, function: dict[str, Any]) -> None:
        raw = function.get("arguments")
        if not isinstance(raw, str) or not raw:
            return
        try:
            parsed = json.loads(raw)
        except ValueError:
            self._field(path, function, "arguments")  # not JSON: protect it as text
            return
        box = {"value": parsed}
        self._json_args.append((function, box))
        self._walk_json(f"{path}.arguments", box, "value")

    def _walk_json(self, path: str, holder: Any, key: Any) -> None:
        value = holder[key]
        if isinstance(value, str):
            if value:
                self.slots.append(TextSlot(path, value, _setter(holder, key)))
        elif isinstance(value, dict):
            for name in value:
                self._walk_json(f"{path}.{name}", value, name)
        elif isinstance(value, list):
            for index in range(len(value)):
                self._walk_json(f"{path}[{index}]", value, index)

    def messages(self) -> list[dict[str, Any]]:
        """The messages with all replacements applied (tool arguments re-serialized)."""
        for function, box in self._json_args:
            function["arguments"] = json.dumps(box["value"], ensure_ascii=False)
        return self._messages


def _setter(holder: Any, key: Any) -> Callable[[str], None]:
    def put(value: str) -> None:
        holder[key] = value

    return put
