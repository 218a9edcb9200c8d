"""The model registry (`registry.toml`, or a file of the user's): models known by name, each a
Hugging Face repository at a pinned revision, and the model of each language pair."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, MtpipeError

DEFAULT_REGISTRY = Path(__file__).with_name("registry.toml")
REVISION = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class RegisteredModel:
    name: str
    repo: str
    revision: str
    """A commit hash: what is fetched never changes under the same name."""
    licence: str
    files: tuple[str, ...]
    """Allow patterns: nothing else is downloaded."""


@dataclass(frozen=True)
class Registry:
    models: dict[str, RegisteredModel]
    pairs: dict[str, str]
    """`source-target` → model name."""

    def model(self, name: str) -> RegisteredModel:
        try:
            return self.models[name]
        except KeyError:
            raise MtpipeError(f"unknown model {name!r} (known: {', '.join(self.models)})") from None

    def for_pair(self, source: str, target: str) -> str | None:
        return self.pairs.get(f"{source}-{target}")


def load_registry(path: Path = DEFAULT_REGISTRY) -> Registry:
    """The registry in `path`; a missing field, an unpinned revision or a pair naming an unknown
    model is an error naming the file and the model."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(f"cannot read the model registry: {err.strerror}", path) from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"not valid TOML: {err}", path) from None
    models = {}
    for name, entry in data.get("models", {}).items():
        try:
            model = RegisteredModel(
                name, entry["repo"], entry["revision"], entry["licence"], tuple(entry["files"])
            )
        except (KeyError, TypeError) as err:
            raise InputError(f"model {name!r}: missing or malformed field {err}", path) from None
        if not REVISION.match(model.revision):
            raise InputError(f"model {name!r}: revision must be a 40-hex commit hash", path)
        models[name] = model
    pairs = dict(data.get("pairs", {}))
    for pair, name in pairs.items():
        if name not in models:
            raise InputError(f"pair {pair!r} names unknown model {name!r}", path)
    return Registry(models, pairs)
