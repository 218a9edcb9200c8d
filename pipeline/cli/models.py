"""`mtpipe models`: list, fetch, convert, inspect and build translation models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..console import working
from ..paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY
from .help import Command
from .options import CacheDir, Glossary, Quiet, RegistryFile, output

app = typer.Typer(
    help="List, fetch, convert, inspect and build translation models.\n\n"
    "Example: mtpipe models fetch nllb-200-distilled-600M",
    no_args_is_help=True,
)

Quantization = Annotated[str, typer.Option(metavar="TYPE", help="CTranslate2 weight type (int8, float32…).")]


@app.command("list", cls=Command)
def models_list(registry: RegistryFile = None, cache_dir: CacheDir = Path(".cache")) -> None:
    """Registered models (repository, pinned revision, licence, whether fetched) and the model of
    each language pair.

    Example: mtpipe models list
    """
    from ..mt.hub import cached_model_dir
    from ..mt.registry import load_registry

    loaded = load_registry(registry)
    for name, model in loaded.models.items():
        fetched = "fetched" if (cached_model_dir(name, cache_dir) / "model.bin").is_file() else "not fetched"
        typer.echo(f"{name}\t{model.repo}@{model.revision[:12]}\t{model.licence}\t{fetched}")
    for pair, name in loaded.pairs.items():
        typer.echo(f"pair {pair}\t{name}")
    if loaded.default:
        typer.echo(f"pair *\t{loaded.default}")


@app.command("fetch", cls=Command)
def models_fetch(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Registered model (`mtpipe models list`).")],
    registry: RegistryFile = None,
    cache_dir: CacheDir = Path(".cache"),
    quantization: Quantization = "int8",
    quiet: Quiet = False,
) -> None:
    """Download a registered model at its pinned revision (or take it from the Hugging Face cache;
    with HF_HUB_OFFLINE=1 only from there), convert it to CTranslate2, verify it and write its
    provenance; the model directory appears only when all of that passed.

    Example: mtpipe models fetch nllb-200-distilled-600M
    """
    from ..mt.hub import fetch_model

    with working(f"fetching and converting {name}"):
        path = fetch_model(name, cache_dir, registry, quantization)
    typer.echo(path)


@app.command("convert", cls=Command)
def models_convert(
    hf_dir: Annotated[Path, typer.Argument(metavar="HF_DIR", help="Hugging Face model directory.")],
    out: Annotated[Path, output("CTranslate2 model directory to write.", metavar="OUT")],
    quantization: Quantization = "int8",
    quiet: Quiet = False,
) -> None:
    """Convert a Hugging Face NLLB-family model directory to CTranslate2, verified, with provenance.

    Example: mtpipe models convert ~/models/nllb-600M -o .cache/models/nllb-600M
    """
    from ..mt.hub import convert_model

    with working(f"converting {hf_dir}"):
        path = convert_model(hf_dir, out, quantization)
    typer.echo(path)


@app.command("info", cls=Command)
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


@app.command("build-tiny", cls=Command)
def models_build_tiny(
    corpus: Annotated[
        Path, typer.Argument(metavar="[CORPUS]", show_default="corpora/quangtri", help="Corpus directory.")
    ] = DEFAULT_CORPUS,
    glossary: Glossary = DEFAULT_GLOSSARY,
    cache_dir: CacheDir = Path(".cache"),
    placeholders: Annotated[
        bool,
        typer.Option(help="Teach placeholders (--no-placeholders: a vocabulary without them, as NLLB's)."),
    ] = True,
    quiet: Quiet = False,
) -> None:
    """Train the tiny offline test model on the corpus's train split (cached by content hash); the
    glossary's terms become placeholder examples; its Hugging Face copy is kept in hf/ for the
    transformers backend.

    Example: mtpipe models build-tiny corpora/quangtri
    """
    from ..formats.corpus import load_corpus
    from ..mt.tiny import TinyRecipe, build_tiny_model
    from ..terminology.glossary import load_glossary

    loaded = load_corpus(corpus)
    targets, recipe = sorted(loaded.references), TinyRecipe(placeholders=placeholders)
    with working("building the tiny model (minutes the first time)"):
        path = build_tiny_model(loaded, targets, load_glossary(glossary), cache_dir, recipe)
    typer.echo(path)
