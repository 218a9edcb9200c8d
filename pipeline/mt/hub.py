"""Registered models fetched from the Hugging Face hub (or its local cache) and converted to
CTranslate2: pinned revision, allowed files only, verified (language codes in the vocabulary, a
smoke translation into each target), a provenance file, and renamed into place only then."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError, ModelUnavailableError, MtpipeError
from ..languages import TARGETS, nllb_code
from .registry import RegisteredModel, load_registry
from .seq2seq import SPM_FILES, find_spm_model

PROVENANCE = "provenance.json"
SMOKE_TEXT = "Tỉnh Quảng Trị."
VERIFIED_LANGUAGES = ("vi", *TARGETS)
PROBE_TIMEOUT = 3.0
"""Seconds to wait for the hub to answer."""


def cached_model_dir(name: str, cache_dir: Path) -> Path:
    return cache_dir / "models" / name


def download(model: RegisteredModel) -> Path:
    """The model's files at its pinned revision: from the Hugging Face cache when they are there,
    else downloaded, unless HF_HUB_OFFLINE is set (HF_ENDPOINT, HF_HOME and proxies as
    huggingface_hub reads them). Any failure is one line, within seconds when the hub cannot be
    reached (huggingface_hub itself would retry for half a minute)."""
    from huggingface_hub import constants, snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError
    from huggingface_hub.utils import logging

    logging.set_verbosity_error()
    fetch = {"revision": model.revision, "allow_patterns": list(model.files)}
    try:
        return Path(snapshot_download(model.repo, local_files_only=True, **fetch))
    except LocalEntryNotFoundError:
        offline = constants.HF_HUB_OFFLINE
        if offline or not _hub_answers(constants.ENDPOINT):
            where = "HF_HUB_OFFLINE is set" if offline else f"{constants.ENDPOINT} cannot be reached"
            raise ModelUnavailableError(
                f"{model.repo} at revision {model.revision[:12]} is not in the Hugging Face cache "
                f"({constants.HF_HUB_CACHE}) and {where}: fetch it on a connected machine and copy "
                "that cache here"
            ) from None
    try:
        return Path(snapshot_download(model.repo, etag_timeout=PROBE_TIMEOUT, **fetch))
    except HfHubHTTPError as err:
        reason = _first_line(err)
        raise ModelUnavailableError(f"{model.repo}: the hub refused the download: {reason}") from None
    except OSError as err:
        raise MtpipeError(f"downloading {model.repo} failed: {err.strerror or err}") from None


def _hub_answers(endpoint: str) -> bool:
    """Whether the hub's endpoint answers at all, asked once (through the environment's proxies)."""
    import httpx

    try:
        httpx.head(endpoint, timeout=PROBE_TIMEOUT, trust_env=True)
    except httpx.HTTPError:
        return False
    return True


def fetch_model(name: str, cache_dir: Path, registry: Path | None = None, quantization: str = "int8") -> Path:
    """A registered model downloaded (or taken from the Hugging Face cache), converted and
    verified into `cache_dir/models/NAME`."""
    model = load_registry(registry).model(name)
    snapshot = download(model)
    provenance = {
        "repo": model.repo,
        "revision": model.revision,
        "licence": model.licence,
        "files": {
            path.relative_to(snapshot).as_posix(): _sha256(path)
            for path in sorted(snapshot.rglob("*"))
            if path.is_file()
        },
    }
    return convert_model(snapshot, cached_model_dir(name, cache_dir), quantization, provenance)


def convert_model(
    hf_dir: Path, out: Path, quantization: str = "int8", provenance: dict | None = None
) -> Path:
    """Convert a Hugging Face NLLB-family model to CTranslate2 in `out`: written beside it,
    verified, given its provenance file, then renamed into place (an older `out` replaced)."""
    import ctranslate2

    if not (hf_dir / "config.json").is_file():
        raise InputError("not a Hugging Face model directory (no config.json)", hf_dir)
    spm = [name for name in SPM_FILES if (hf_dir / name).is_file()]
    staging = out.with_name(out.name + ".partial")
    try:
        shutil.rmtree(staging, ignore_errors=True)
        converter = ctranslate2.converters.TransformersConverter(str(hf_dir), copy_files=spm)
        converter.convert(str(staging), quantization=quantization)
        verify_model(staging)
        record = {
            **(provenance or {"source": str(hf_dir.resolve())}),
            "quantization": quantization,
            "ctranslate2": ctranslate2.__version__,
            "converted": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        (staging / PROVENANCE).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
        shutil.rmtree(out, ignore_errors=True)
        staging.rename(out)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise MtpipeError(f"converting into {out} failed: {err.strerror or err}") from None
    except (ValueError, RuntimeError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"cannot convert this model: {_first_line(err)}", hf_dir) from None
    return out


def verify_model(model_dir: Path) -> None:
    """Every language code mtpipe uses is in the vocabulary, and a smoke sentence translates into
    each target to a non-empty text (CTranslate2 itself, greedy, without the backend's extras)."""
    import ctranslate2
    import sentencepiece

    vocabulary = set(json.loads((model_dir / "shared_vocabulary.json").read_text(encoding="utf-8")))
    missing = [nllb_code(lang) for lang in VERIFIED_LANGUAGES if nllb_code(lang) not in vocabulary]
    if missing:
        raise InputError(f"the vocabulary lacks the language codes {', '.join(missing)}", model_dir)
    spm = sentencepiece.SentencePieceProcessor(model_file=str(find_spm_model(model_dir)))
    source = [nllb_code("vi"), *spm.encode(SMOKE_TEXT, out_type=str), "</s>"]
    translator = ctranslate2.Translator(str(model_dir))
    for lang in TARGETS:
        prefix = [[nllb_code(lang)]]
        (result,) = translator.translate_batch([source], target_prefix=prefix, max_decoding_length=64)
        if not spm.decode(result.hypotheses[0][1:]).strip():
            raise InputError(f"the smoke translation into {lang!r} came out empty", model_dir)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
