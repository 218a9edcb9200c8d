"""`mtpipe models`: list, fetch, convert, inspect and build translation models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY

app = typer.Typer(help="List, fetch, convert, inspect and build translation models.", no_args_is_help=True)

CacheDir = Annotated[Path, typer.Option(metavar="DIR", help="Model and translation cache.")]
RegistryFile = Annotated[
    Path | None,
    typer.Option(metavar="FILE", help="Model registry (TOML).", show_default="mtpipe's own registry.toml"),
]


def _registry_path(registry: Path | None) -> Path:
    from ..mt.registry import DEFAULT_REGISTRY

    return registry or DEFAULT_REGISTRY


@app.command("list")
def models_list(registry: RegistryFile = None, cache_dir: CacheDir = Path(".cache")) -> None:
    """Registered models (repository, pinned revision, licence, whether fetched) and the model of
    each language pair.

    Example: mtpipe models list
    """
    from ..mt.hub import cached_model_dir
    from ..mt.registry import load_registry

    loaded = load_registry(_registry_path(registry))
    for name, model in loaded.models.items():
        fetched = "fetched" if (cached_model_dir(name, cache_dir) / "model.bin").is_file() else "not fetched"
        typer.echo(f"{name}\t{model.repo}@{model.revision[:12]}\t{model.licence}\t{fetched}")
    for pair, name in loaded.pairs.items():
        typer.echo(f"pair {pair}\t{name}")


@app.command("fetch")
def models_fetch(
    name: Annotated[str, typer.Argument(help="Registered model name (see `mtpipe models list`).")],
    registry: RegistryFile = None,
    cache_dir: CacheDir = Path(".cache"),
    quantization: Annotated[str, typer.Option(help="CTranslate2 weight type.")] = "int8",
) -> None:
    """Download a registered model at its pinned revision (or take it from the Hugging Face cache;
    with HF_HUB_OFFLINE=1 only from there), convert it to CTranslate2, verify it and write its
    provenance; the model directory appears only when all of that passed.

    Example: mtpipe models fetch nllb-200-distilled-600M
    """
    from ..mt.hub import fetch_model

    typer.echo(fetch_model(name, cache_dir, _registry_path(registry), quantization))


@app.command("convert")
def models_convert(
    hf_dir: Annotated[Path, typer.Argument(metavar="HF_DIR", help="Hugging Face model directory.")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="OUT", help="CTranslate2 directory.")],
    quantization: Annotated[str, typer.Option(help="CTranslate2 weight type.")] = "int8",
) -> None:
    """Convert a Hugging Face NLLB-family model directory to CTranslate2, verified, with provenance.

    Example: mtpipe models convert ~/models/nllb-600M -o .cache/models/nllb-600M
    """
    from ..mt.hub import convert_model

    typer.echo(convert_model(hf_dir, output, quantization))


@app.command("info")
def models_info(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="CTranslate2 model directory.")],
) -> None:
    """What a model directory holds: identity, positions, languages mtpipe uses, provenance.

    Example: mtpipe models info .cache/models/nllb-200-distilled-600M
    """
    from ..errors import InputError
    from ..languages import nllb_code
    from ..mt.ctranslate2 import model_identity, model_positions
    from ..mt.hub import PROVENANCE, VERIFIED_LANGUAGES

    if not (path / "model.bin").is_file():
        raise InputError("not a CTranslate2 model directory (no model.bin)", path)
    vocabulary = set(json.loads((path / "shared_vocabulary.json").read_text(encoding="utf-8")))
    provenance = path / PROVENANCE
    info = {
        "identity": model_identity(path),
        "positions": model_positions(path),
        "vocabulary": len(vocabulary),
        "languages": {lang: nllb_code(lang) in vocabulary for lang in VERIFIED_LANGUAGES},
        "provenance": json.loads(provenance.read_text(encoding="utf-8")) if provenance.is_file() else None,
    }
    typer.echo(json.dumps(info, indent=2, ensure_ascii=False))


@app.command("build-tiny")
def models_build_tiny(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory.")] = DEFAULT_CORPUS,
    glossary: Annotated[
        Path, typer.Option(help="Glossary: its terms become placeholder examples.")
    ] = DEFAULT_GLOSSARY,
    cache_dir: CacheDir = Path(".cache"),
    placeholders: Annotated[
        bool, typer.Option(help="Teach placeholders (--no-placeholders: a vocabulary without them, as NLLB).")
    ] = True,
) -> None:
    """Train the tiny offline test model on the corpus's train split (cached by content hash);
    its Hugging Face copy is kept in hf/ for the transformers backend.

    Example: mtpipe models build-tiny corpora/quangtri
    """
    from ..formats.corpus import load_corpus
    from ..mt.tiny import TinyRecipe, build_tiny_model
    from ..terminology.glossary import load_glossary

    loaded = load_corpus(corpus)
    targets = sorted(loaded.references)
    recipe = TinyRecipe(placeholders=placeholders)
    typer.echo(build_tiny_model(loaded, targets, load_glossary(glossary), cache_dir, recipe))
