"""Normalization of Vietnamese names and their transliterations."""
