"""The surrogate pseudonym style as one request uses it.

Typed tokens need no memory: ``[PERSON_1]`` carries its own label and index. Surrogates do:
``Lena Weber`` is only a pseudonym because this request made it one. :class:`SurrogateBook`
makes them (stable per scope, vault index and value shape; never colliding with the text of
the request that first needs them) and remembers them, in the request and, through a
:class:`SurrogateMemory` such as the vault, for the rest of the conversation;
:class:`SurrogateStyle` finds them again in the answer, beside the typed tokens that remain in
use (values the model wrote on its own, a surrogate that could not be made collision-free). Pure: no I/O beyond the memory it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, cast

from guardrails.pseudonyms import PseudonymStyle, TokenMatch, leftmost_longest
from guardrails.surrogate_match import SurrogateEntry, SurrogateMatcher
from guardrails.surrogates import SurrogateExhausted, SurrogateFactory, TakenForms, person_parts


class SurrogateMemory(Protocol):
    """Where a conversation's surrogates outlive the request (the vault's kept surrogates)."""

    def recall(self, label: str, index: int) -> str | None:
        """The surrogate kept for ``label``/``index``, None if none yet."""
        ...

    def keep(self, label: str, index: int, surrogate: str) -> str:
        """Keep ``surrogate`` unless one is kept already; return the kept one."""
        ...


class SurrogateBook:
    """The surrogates of one request's scope: recalled or made on first use, then remembered."""

    def __init__(
        self,
        factory: SurrogateFactory,
        scope: str,
        texts: Iterable[str] = (),
        memory: SurrogateMemory | None = None,
    ) -> None:
        self._factory = factory
        self._scope = scope
        self._memory = memory
        self._taken = TakenForms(texts)
        self._entries: dict[tuple[str, int], SurrogateEntry] = {}
        self._names: dict[str, str] = {}  # name token of a person -> its surrogate token
        self._matcher: SurrogateMatcher | None = None
        self.language = "en"  # of the text being rewritten; set by the protector

    def add_texts(self, texts: Iterable[str]) -> None:
        """Text the model will also see (retrieved chunks): surrogates must avoid it too."""
        self._taken.add_texts(texts)

    def surrogate(self, entity_type: str, label: str, index: int, value: str) -> str | None:
        """The surrogate of the vault entry ``label``/``index`` (None: use a typed token)."""
        key = (label, index)
        known = self._entries.get(key)
        if known is not None:
            return known.surrogate
        made = self._memory.recall(label, index) if self._memory is not None else None
        if made is None:
            try:
                made = self._factory.surrogate(
                    self._scope, entity_type, value, index, language=self.language,
                    taken=self._taken, names=self._names,
                )  # fmt: skip
            except SurrogateExhausted:
                return None
            if self._memory is not None:
                made = self._memory.keep(label, index, made)
        self._taken.add(entity_type, made)
        if entity_type == "PERSON":
            originals, surrogates = person_parts(value), person_parts(made)
            if len(originals) == len(surrogates):
                self._names.update(zip(originals, surrogates, strict=True))
        self._entries[key] = SurrogateEntry(entity_type, made, value, key)
        self._matcher = None
        return made

    def __len__(self) -> int:
        return len(self._entries)

    def matcher(self) -> SurrogateMatcher:
        """The matcher over every surrogate made so far."""
        if self._matcher is None:
            self._matcher = SurrogateMatcher(self._entries.values())
        return self._matcher


class SurrogateStyle:
    """Finds a request's surrogates and its typed tokens (``PseudonymStyle``).

    A surrogate match carries the caller's text for that form (first name alone, inflected
    surname ...) as ``TokenMatch.replacement``; the resolver still decides whether the caller
    may see it (team ``restore``), exactly as for tokens.
    """

    def __init__(self, tokens: PseudonymStyle, book: SurrogateBook) -> None:
        self._tokens = tokens
        self._book = book

    def label_for(self, entity_type: str) -> str:
        return self._tokens.label_for(entity_type)

    def render(self, label: str, index: int) -> str:
        return self._tokens.render(label, index)

    def find(self, text: str) -> Iterator[TokenMatch]:
        """Surrogates and tokens, left to right, non-overlapping (the longer one wins)."""
        found = list(self._tokens.find(text))
        if len(self._book):
            for m in self._book.matcher().find(text):
                label, index = cast(tuple[str, int], m.entry.ref)  # the book's (label, index)
                found.append(TokenMatch(m.start, m.end, label, index, replacement=m.replacement))
        yield from leftmost_longest(found)

    def partial_tail(self, text: str) -> int:
        """The earlier of a partial token and a partial surrogate at the end of ``text``."""
        cut = self._tokens.partial_tail(text)
        if len(self._book):
            cut = min(cut, self._book.matcher().partial_tail(text))
        return cut
