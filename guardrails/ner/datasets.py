"""The fixed train / validation / held-out split used by training and evaluation.

Held-out (never trained on, never used to pick anything): a seeded 20 % of the GermEval
dev sentences, 20 % of the presidio-research English sentences, and synthetic chat
messages from held-out templates and names (see :mod:`guardrails.ner.synthetic`).
Validation (threshold choice, monitoring): a further 15 % of the remaining GermEval and
presidio sentences and a few chat messages from training templates with another seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from guardrails.ner.corpus import (
    Example,
    holdout_split,
    load_europeana,
    load_germeval,
    load_presidio,
)
from guardrails.ner.synthetic import ChatGenerator

HELD_OUT_FRACTION = 0.2
#: Times the GermEval training sentences enter the mix (the only modern German news text).
GERMEVAL_REPEAT = 4
VALIDATION_FRACTION = 0.15
GERMEVAL_FILE = "germeval2014-de-dev.tsv"
PRESIDIO_FILE = "presidio-generated-large-en.json"
EUROPEANA_GLOB = "extra/enp_DE.*.bio"

DATA_SOURCES: tuple[dict[str, str], ...] = (
    {
        "file": GERMEVAL_FILE,
        "name": "GermEval 2014 NER dev (NoSta-D, Benikova et al.)",
        "license": "CC BY 4.0",
        "use": "80 % train/validation, 20 % held out",
    },
    {
        "file": EUROPEANA_GLOB,
        "name": "Europeana Newspapers NER corpora (German)",
        "license": "CC0 1.0 (attribution requested)",
        "use": "train",
    },
    {
        "file": PRESIDIO_FILE,
        "name": "presidio-research generated_large.json",
        "license": "MIT",
        "use": "80 % train/validation, 20 % held out",
    },
    {
        "file": "(generated)",
        "name": "synthetic chat messages with Faker names",
        "license": "Faker MIT; templates written for Tresor",
        "use": "train + held out",
    },
)


@dataclass(frozen=True)
class Splits:
    """Training examples, validation sets and held-out sets keyed by name."""

    train: list[Example]
    validation: dict[str, list[Example]]
    held_out: dict[str, list[Example]]


def build_splits(
    data_dir: Path,
    seed: int,
    chat_train: int = 4000,
    chat_held_out: int = 500,
    europeana_negative_share: float = 0.25,
    germeval_repeat: int = GERMEVAL_REPEAT,
) -> Splits:
    """Load every source and cut the fixed splits (deterministic for a given ``seed``).

    The training mix repeats the GermEval sentences ``germeval_repeat`` times (the only
    modern German news text) and keeps every Europeana pseudo-sentence with a person but
    only ``europeana_negative_share`` of the others (historic OCR text, half the tokens).
    """
    germeval = load_germeval(data_dir / GERMEVAL_FILE)
    presidio = load_presidio(data_dir / PRESIDIO_FILE)
    europeana = load_europeana(data_dir.glob(EUROPEANA_GLOB))
    if not germeval or not presidio:
        raise FileNotFoundError(f"GermEval or presidio data missing under {data_dir}")

    ge_rest, ge_test = holdout_split(germeval, HELD_OUT_FRACTION, seed)
    pr_rest, pr_test = holdout_split(presidio, HELD_OUT_FRACTION, seed)
    ge_train, ge_val = holdout_split(ge_rest, VALIDATION_FRACTION, seed + 1)
    pr_train, pr_val = holdout_split(pr_rest, VALIDATION_FRACTION, seed + 1)

    chat: dict[str, list[Example]] = {}
    chat_val: dict[str, list[Example]] = {}
    chat_test: dict[str, list[Example]] = {}
    for lang in ("de", "en"):
        chat[lang] = ChatGenerator(lang, seed, held_out=False).messages(chat_train)
        chat_val[lang] = ChatGenerator(lang, seed, held_out=False, stream=1).messages(200)
        chat_test[lang] = ChatGenerator(lang, seed, held_out=True).messages(chat_held_out)

    rng = random.Random(seed)
    europeana = [e for e in europeana if e.spans or rng.random() < europeana_negative_share]
    train = ge_train * germeval_repeat + pr_train + europeana + chat["de"] + chat["en"]
    validation = {
        "germeval": ge_val,
        "presidio_en": pr_val,
        "chat_de": chat_val["de"],
        "chat_en": chat_val["en"],
    }
    held_out = {
        "germeval": ge_test,
        "presidio_en": pr_test,
        "chat_de": chat_test["de"],
        "chat_en": chat_test["en"],
    }
    return Splits(train, validation, held_out)
