"""Data side of the person tagger: corpus loaders, the seeded split, synthetic chat data."""

from __future__ import annotations

import json
from pathlib import Path

from guardrails.ner import chat_templates as T
from guardrails.ner.corpus import (
    Example,
    holdout_split,
    load_europeana,
    load_germeval,
    load_presidio,
)
from guardrails.ner.synthetic import ChatGenerator


def test_load_germeval_and_europeana(tmp_path: Path) -> None:
    ge = tmp_path / "ge.tsv"
    ge.write_text(
        "#\tsource\n1\tHerr\tO\tO\n2\tHans\tB-PER\tO\n3\tMüller\tI-PER\tO\n4\tlacht\tO\tO\n"
        "5\tin\tO\tO\n6\tBad\tB-LOC\tO\n7\tTölz\tI-LOC\tO\n8\tdeutsch\tB-LOCderiv\tO\n"
        "9\tbei\tO\tO\n10\tDeutsche\tB-ORG\tO\n11\tBahn\tI-ORG\tO\n12\tSPD-nah\tB-ORGpart\tO\n\n"
        "#\tsource\n1\tFontane-Lesung\tB-PERpart\tO\n",
        encoding="utf-8",
    )
    examples = load_germeval(ge)
    assert [e.text for e in examples] == [
        "Herr Hans Müller lacht in Bad Tölz deutsch bei Deutsche Bahn SPD-nah", "Fontane-Lesung"
    ]
    first = examples[0]
    assert [first.text[a:b] for a, b in first.spans] == ["Hans Müller"]
    assert [first.text[a:b] for a, b in first.locations] == ["Bad Tölz"]  # not LOCderiv
    assert [first.text[a:b] for a, b in first.organizations] == ["Deutsche Bahn"]  # not ORGpart
    assert examples[1].spans == () and examples[1].locations == ()
    assert examples[1].organizations == ()

    enp = tmp_path / "enp_DE.x.bio"
    enp.write_text(
        "Dr. O\nKarl B-PEr\nMay I_PER\nschrieb O\n. O\nDann O\nWien B-LOC\n. O\n"
        "Die O\nReichsbahn B-ORG\nfuhr O\n. O\n",
        encoding="utf-8",
    )
    eu = load_europeana([enp])
    assert [e.text for e in eu] == ["Dr. Karl May schrieb .", "Dann Wien .", "Die Reichsbahn fuhr ."]
    assert [eu[2].text[a:b] for a, b in eu[2].organizations] == ["Reichsbahn"]
    assert [eu[0].text[a:b] for a, b in eu[0].spans] == ["Karl May"]
    assert [eu[1].text[a:b] for a, b in eu[1].locations] == ["Wien"]


def test_load_presidio_keeps_persons_places_and_organizations_and_masks_addresses(
    tmp_path: Path,
) -> None:
    text = "Anna lives at 12 Oak Road, Leeds and loves bahrain and Acme"
    record = {
        "full_text": text,
        "spans": [
            {"entity_type": "PERSON", "start_position": 0, "end_position": 4},
            {"entity_type": "ADDRESS", "start_position": 14, "end_position": 32},
            {"entity_type": "LOCATION", "start_position": 43, "end_position": 50},
            {"entity_type": "PHONE_NUMBER", "start_position": 5, "end_position": 10},
            {"entity_type": "ORGANIZATION", "start_position": 55, "end_position": 59},
        ],
    }
    path = tmp_path / "p.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    (example,) = load_presidio(path)
    assert [text[a:b] for a, b in example.spans] == ["Anna"]
    assert [text[a:b] for a, b in example.locations] == ["bahrain"]
    assert [text[a:b] for a, b in example.masked] == ["12 Oak Road, Leeds"]
    assert [text[a:b] for a, b in example.organizations] == ["Acme"]


def test_holdout_split_is_seeded_and_disjoint() -> None:
    examples = [Example(f"t{i}", (), "s", "de", f"g{i}") for i in range(50)]
    train, test = holdout_split(examples, 0.2, seed=3)
    again_train, again_test = holdout_split(examples, 0.2, seed=3)
    assert len(test) == 10
    assert {e.group for e in train}.isdisjoint({e.group for e in test})
    assert test == again_test and train == again_train


def test_synthetic_spans_are_names_and_held_out_is_disjoint() -> None:
    train = ChatGenerator("de", seed=5, held_out=False)
    test = ChatGenerator("de", seed=5, held_out=True)
    messages = train.messages(200)
    assert messages == ChatGenerator("de", seed=5, held_out=False).messages(200)
    names = [m.text[a:b] for m in messages for a, b in m.spans]
    assert len(names) > 200
    assert all(n[0].isalpha() and n == n.strip() and "\n" not in n for n in names)
    assert not any(n in {"Herr", "Frau", "Dr.", "EKS", "Jira"} for n in names)
    places = {m.text[a:b].lower() for m in messages for a, b in m.locations}
    assert places and places <= {c.lower() for c in T.CITIES}
    companies = {m.text[a:b].lower() for m in messages for a, b in m.organizations}
    assert companies and companies <= {c.lower() for c in T.COMPANIES}
    assert set(train._bodies).isdisjoint(test._bodies)
    train_names = {n.lower() for n in names}
    test_names = {m.text[a:b].lower() for m in test.messages(200) for a, b in m.spans}
    # full names can combine pools, but single held-out first/last names are unseen
    singles = {n for n in test_names if " " not in n and "-" not in n}
    assert singles and not singles & {n for n in train_names if " " not in n}
