"""Choosing the tagger's thresholds on validation data (guardrails.ner.threshold), with a fake
tagger whose probabilities are fixed per text."""

from __future__ import annotations

import numpy as np

from guardrails.ner.corpus import Example
from guardrails.ner.model import TokenProbabilities
from guardrails.ner.spans import word_spans
from guardrails.ner.threshold import choose_threshold, score_kind_threshold


class FixedTagger:
    """Probabilities per text: a person word at 0.95, an organisation word at ``org`` and a
    second, unlabelled organisation guess at ``guess``."""

    tags_places = False
    tags_organizations = True

    def __init__(self, org: float, guess: float) -> None:
        self.org, self.guess = org, guess

    def probabilities(self, text: str) -> TokenProbabilities:
        offsets = word_spans(text)
        zeros = np.zeros(len(offsets), dtype=np.float32)
        person, org_b = zeros.copy(), zeros.copy()
        person[0] = 0.95
        org_b[2], org_b[3] = self.org, self.guess
        return TokenProbabilities(offsets, person, zeros, None, None, org_b, zeros)


TEXT = "Anna bei Siemens Montag"  # Anna: person, Siemens: organisation, Montag: none
EXAMPLE = Example(TEXT, ((0, 4),), "test", "de", organizations=((9, 16),))


def test_the_organisation_threshold_lies_between_the_true_and_the_false_guess() -> None:
    chosen = choose_threshold(FixedTagger(org=0.7, guess=0.4), {"set": [EXAMPLE]})
    assert chosen.place is None and chosen.place_sweep == {}
    assert chosen.organization is not None and 0.4 < chosen.organization <= 0.7
    # near-ties go to the lowest such threshold
    assert chosen.organization == 0.45


def test_organisation_scores_count_the_organisation_spans() -> None:
    tagger = FixedTagger(org=0.7, guess=0.0)
    cached = {"set": [(EXAMPLE, tagger.probabilities(TEXT))]}
    f1, summary = score_kind_threshold(cached, 0.5, "organizations")
    assert f1 == 1.0 and summary["set"] == {"recall": 1.0, "precision": 1.0}
    f1, _ = score_kind_threshold(cached, 0.8, "organizations")
    assert f1 == 0.0
