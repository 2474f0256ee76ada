"""Every text of OpenAI chat messages is found, and only text is changed."""

from __future__ import annotations

import json

from guardrails.messages import MessageTexts

MESSAGES = [
    {"role": "system", "content": "sys"},
    {"role": "developer", "content": "dev"},
    {"role": "user", "name": "alice", "content": [
        {"type": "text", "text": "part one"},
        {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},
        {"type": "text", "text": "part two"},
    ]},
    {"role": "assistant", "content": None, "refusal": "no", "tool_calls": [
        {"id": "c1", "type": "function",
         "function": {"name": "send", "arguments": json.dumps(
             {"to": "x@y.de", "cc": ["a", "b"], "n": 3, "nested": {"note": "hi"}})}},
        {"id": "c2", "type": "function", "function": {"name": "raw", "arguments": "not json"}},
    ]},
    {"role": "assistant", "content": "old", "function_call": {"name": "f", "arguments": "{\"q\": \"v\"}"}},
    {"role": "tool", "tool_call_id": "c1", "content": "sent"},
    {"role": "tool", "tool_call_id": "c2", "content": [{"type": "text", "text": "tool part"}]},
]  # fmt: skip


def test_all_text_slots_are_found_with_their_paths() -> None:
    texts = MessageTexts(MESSAGES)
    found = {slot.path: slot.text for slot in texts.slots}
    assert found == {
        "messages[0].content": "sys",
        "messages[1].content": "dev",
        "messages[2].name": "alice",
        "messages[2].content[0].text": "part one",
        "messages[2].content[2].text": "part two",
        "messages[3].refusal": "no",
        "messages[3].tool_calls[0].function.arguments.to": "x@y.de",
        "messages[3].tool_calls[0].function.arguments.cc[0]": "a",
        "messages[3].tool_calls[0].function.arguments.cc[1]": "b",
        "messages[3].tool_calls[0].function.arguments.nested.note": "hi",
        "messages[3].tool_calls[1].function.arguments": "not json",
        "messages[4].content": "old",
        "messages[4].function_call.arguments.q": "v",
        "messages[5].content": "sent",
        "messages[6].content[0].text": "tool part",
    }


def test_replacements_land_in_place_and_the_input_is_untouched() -> None:
    original = json.loads(json.dumps(MESSAGES))
    texts = MessageTexts(MESSAGES)
    for slot in texts.slots:
        slot.replace(slot.text.upper())
    out = texts.messages()
    assert original == MESSAGES
    assert out[2]["content"][1] == MESSAGES[2]["content"][1]  # image part kept as is
    assert out[2]["content"][2]["text"] == "PART TWO"
    args = json.loads(out[3]["tool_calls"][0]["function"]["arguments"])
    assert args == {"to": "X@Y.DE", "cc": ["A", "B"], "n": 3, "nested": {"note": "HI"}}
    assert out[3]["tool_calls"][1]["function"]["arguments"] == "NOT JSON"
    assert out[3]["tool_calls"][0]["id"] == "c1" and out[5]["tool_call_id"] == "c1"
    assert out[6]["content"][0]["text"] == "TOOL PART"


def test_odd_shapes_are_skipped_not_fatal() -> None:
    texts = MessageTexts(
        [
            {"role": "user"},
            "not a dict",
            {"role": "user", "content": 5},
            {"role": "assistant", "tool_calls": [None, {"function": "x"}]},
        ]
    )  # type: ignore[list-item]
    assert texts.slots == []
