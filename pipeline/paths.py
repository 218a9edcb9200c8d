"""Default locations, resolved from the project root (never from the current directory)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOSSARY = PROJECT_ROOT / "glossary" / "quangtri.tsv"
DEFAULT_CORPUS = PROJECT_ROOT / "corpora" / "quangtri"


def resolve(path: Path, base: Path) -> Path:
    """`path` as given when absolute, else relative to `base`."""
    return path if path.is_absolute() else base / path


def within(path: Path, *roots: Path) -> bool:
    """Whether `path` (symbolic links followed) is one of `roots` or lies inside one."""
    target = path.resolve()
    return any(target.is_relative_to(root.resolve()) for root in roots)
