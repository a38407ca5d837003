"""Evaluation harnesses and training-data readers: not pipeline stages, and not imported by them.

Only the CLI's ``evaluate-*`` commands, ``scripts/`` and ``benchmarks/`` import these modules:

- :mod:`claimdiff.evaluation.nli`: :func:`evaluate_nli`, calibration error and temperature fitting
- :mod:`claimdiff.evaluation.attribution`: PolNeAR attribution P/R/F1 and annotator agreement
- :mod:`claimdiff.evaluation.resolution`: actor resolution on hand-labelled speaker mentions
- :mod:`claimdiff.evaluation.polnear`: the PolNeAR reader
- :mod:`claimdiff.evaluation.nli_data`, :mod:`claimdiff.evaluation.nli_synthetic`: NLI sets, read and generated
- :mod:`claimdiff.evaluation.data`: where the data folder is
"""
