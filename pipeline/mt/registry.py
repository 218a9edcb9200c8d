"""The model registry (`registry.toml`, or a file of the user's): models known by name, each a
Hugging Face repository at a pinned revision, and the model of each language pair (a registered
name, or a model directory: a path, relative to the registry file)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, MtpipeError
from ..paths import resolve

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
    path: Path
    models: dict[str, RegisteredModel]
    pairs: dict[str, str]
    """`source-target` → a registered model's name, or a model directory."""
    default: str | None = None
    """The model of a pair `pairs` does not name."""

    def model(self, name: str) -> RegisteredModel:
        try:
            return self.models[name]
        except KeyError:
            raise MtpipeError(f"unknown model {name!r} (known: {', '.join(self.models)})") from None

    def for_pair(self, source: str, target: str) -> str:
        """The model that translates `source` into `target`."""
        pair = f"{source}-{target}"
        found = self.pairs.get(pair, self.default)
        if found is None:
            raise MtpipeError(
                f"{self.path}: no model for {pair}: name one under [pairs] (`{pair} = NAME`) or as "
                "default_model, or pass --model"
            )
        if found not in self.models and not Path(found).is_dir():
            raise MtpipeError(f"{self.path}: the model of {pair}, {found}, is not a directory")
        return found


def load_registry(path: Path | None = None) -> Registry:
    """The registry in `path` (mtpipe's own by default); a missing field, an unpinned revision or
    a pair naming an unknown model is an error naming the file and the model."""
    path = path or DEFAULT_REGISTRY
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
    pairs = {
        pair: _pair_model(f"pair {pair!r}", name, models, path)
        for pair, name in data.get("pairs", {}).items()
    }
    default = data.get("default_model")
    if default is not None:
        default = _pair_model("default_model", default, models, path)
    return Registry(path, models, pairs, default)


def _pair_model(key: str, value: object, models: dict[str, RegisteredModel], path: Path) -> str:
    """A registered model's name as written; a path (it holds a `/`) resolved from the registry's
    directory; anything else an error naming the key."""
    if not isinstance(value, str):
        raise InputError(f"{key}: expected a model name or directory, got {value!r}", path)
    if value in models:
        return value
    if "/" in value:
        return str(resolve(Path(value), path.parent))
    known = f"known: {', '.join(models)}" if models else "the registry names no models"
    raise InputError(f"{key} names unknown model {value!r} ({known})", path)
