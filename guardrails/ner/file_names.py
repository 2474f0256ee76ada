"""File names as the name tagger reads them: ``Lebenslauf_Anna_Schmidt.pdf`` as
``Lebenslauf Anna Schmidt.pdf``.

HR chats attach and mention documents named after their person ("Anbei
Lebenslauf_Anna_Schmidt.pdf", "offer_letter_john_doe.pdf"). Joined by underscores or hyphens,
the name is one long token to the tagger, which reads no name in it; with spaces in their
place it reads the name as in a sentence. Only words that end in a document or image
extension and join their parts by ``_`` or ``-`` change, character for character, so the
tagger's offsets hold for the original text. Code (``user_name``, ``MAX_RETRIES``) and
hyphenated words stay as they are. Pure: no I/O.
"""

from __future__ import annotations

import re

#: extensions of the files people send each other: office documents, PDFs, text, mail,
#: images and archives
FILE_EXTENSIONS = (
    "pdf|docx?|docm|xlsx?|xlsm|pptx?|odt|ods|odp|rtf|txt|csv|md|msg|eml|html?|png|jpe?g"
    "|gif|tiff?|heic|zip|7z"
)
#: a file name whose stem joins its parts by ``_`` or ``-`` (at least one of them)
_JOINED_FILE_NAME = re.compile(
    rf"(?<![\w.-])(?P<stem>[^\W_](?:[\w-]*[^\W_])?)\.(?:{FILE_EXTENSIONS})(?![\w-])",
    re.IGNORECASE,
)
_JOINERS = re.compile(r"[_-]+")


def spaced_file_names(text: str) -> str:
    """``text`` with the ``_`` and ``-`` inside file names' stems read as spaces (same length)."""
    if "." not in text or ("_" not in text and "-" not in text):
        return text
    parts: list[str] = []
    cursor = 0
    for match in _JOINED_FILE_NAME.finditer(text):
        stem = match.group("stem")
        if "_" not in stem and "-" not in stem:
            continue
        parts.append(text[cursor : match.start("stem")])
        parts.append(_JOINERS.sub(lambda joint: " " * len(joint.group()), stem))
        cursor = match.end("stem")
    if not parts:
        return text
    parts.append(text[cursor:])
    return "".join(parts)
