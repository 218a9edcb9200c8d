"""Glossary tooling for reviewers: validation, diffs and interchange formats."""
