"""Normalization of Vietnamese names and their transliterations."""

from typing import Literal

LatinNames = Literal["replace", "keep", "annotate"]
"""What becomes of a name left in Latin script in Arabic or Lao text: the glossary's form
(replace), nothing (keep), or the form followed by the Vietnamese in parentheses (annotate)."""
