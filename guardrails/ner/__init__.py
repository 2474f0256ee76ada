"""Person-name detection for German and English (fine-tuned multilingual-e5-small, ONNX int8).

Entry points: :class:`guardrails.ner.model.PersonTagger`,
:class:`guardrails.ner.recognizer.PersonNerRecognizer`, and the training recipe
``python -m guardrails.ner.train``. Importing this package loads nothing heavy.
"""
