"""Claim extraction: report text in, attributed `Claim`s out.

Each stage is its own module; only `pipeline.py` knows their order. The entry point is
`sitroom.extract.pipeline.extract_claims`.
"""
