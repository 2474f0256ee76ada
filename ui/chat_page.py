"""A first chat page: streams answers from the gateway through the official ``openai`` client.

The page keeps one conversation id per browser session and sends it as
``X-Tresor-Conversation``, so placeholders stay stable across turns and values come back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any, cast

import gradio as gr
from openai import APIError, OpenAI, Stream
from openai.types.chat import ChatCompletionChunk

CONVERSATION_HEADER = "X-Tresor-Conversation"


def _history_to_messages(history: list[Any]) -> list[dict[str, str]]:
    messages: list[dict[str, str]] = []
    for item in history:
        if isinstance(item, dict) and item.get("role") in ("user", "assistant"):
            content = item.get("content")
            if isinstance(content, str):
                messages.append({"role": item["role"], "content": content})
    return messages


def build_chat_page(
    gateway_url: str, api_key: str, model: str, temperature: float = 0.0
) -> gr.Blocks:
    """The Gradio app; ``gateway_url`` is the gateway's ``/v1`` base URL."""
    client = OpenAI(base_url=gateway_url, api_key=api_key, max_retries=0, timeout=300)

    def respond(message: str, history: list[Any], conversation: str) -> Iterator[str]:
        messages = [*_history_to_messages(history), {"role": "user", "content": message}]
        answer = ""
        try:
            stream = cast(
                Stream[ChatCompletionChunk],
                client.chat.completions.create(
                    model=model,
                    messages=messages,  # type: ignore[arg-type]
                    stream=True,
                    temperature=temperature,
                    extra_headers={CONVERSATION_HEADER: conversation},
                ),
            )
            for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    answer += chunk.choices[0].delta.content
                    yield answer
        except APIError as exc:
            yield (answer + "\n\n" if answer else "") + f"⚠️ {exc.message}"

    with gr.Blocks(title="Tresor") as page:
        gr.Markdown(
            "## Tresor\nAsk in German or English. Personal data is protected before it reaches the model."
        )
        conversation = gr.State(lambda: f"ui-{uuid.uuid4().hex}")
        gr.ChatInterface(fn=respond, additional_inputs=[conversation])
    return page
