"""The OpenAI-compatible backend against a loopback stub (tests/llm_stub.py) that injects what real
endpoints do: 429 with and without Retry-After, 5xx, slow answers, malformed or truncated
responses. Retry waits are kept short through the `[model]` options, as a user could."""

import json
import re
from datetime import UTC, datetime

import pytest
from conftest import run_cli
from llm_stub import Reply, answer, marked
from test_corpus import make_corpus

from pipeline.config import load_job_config
from pipeline.errors import InputError, MtpipeError
from pipeline.mt.cache import TranslationCache
from pipeline.mt.cached import CachedTranslator
from pipeline.mt.openai import OpenAICompatibleTranslator
from pipeline.mt.options import ModelOptions
from pipeline.mt.retry import Backoff, retry_after_seconds
from pipeline.runner import validate_sections

FAST = {"retry_base_delay": 0.01, "retry_max_delay": 2.0, "read_timeout": 5.0}


def backend(llm, api_key=None, **options) -> OpenAICompatibleTranslator:
    settings = {"backend": "openai", "name_or_path": "stub-llm", "base_url": llm.base_url, **FAST, **options}
    return OpenAICompatibleTranslator(ModelOptions(**settings), api_key=api_key)


def scripted(*replies: Reply):
    """The n-th request gets the n-th reply; later ones the marked text."""
    return lambda request: replies[request.number - 1] if request.number <= len(replies) else marked(request)


def test_429_and_5xx_are_tried_again_until_an_answer_comes(llm):
    llm.reply = scripted(Reply({"error": "slow down"}, 429), Reply(b"", 500), Reply(b"<html>", 503))
    assert backend(llm).translate(["Trời mưa."], "vi", "en") == [["[stub] Trời mưa."]]
    assert len(llm.requests) == 4


@pytest.mark.parametrize(
    "line, problem",
    [
        ('base_url = "127.0.0.1:8000/v1"', "model.base_url: Value error, must be an http:// or https:// URL"),
        ('api_key_env = "sk-abc123"', "model.api_key_env: String should match pattern"),
        ("retry_base_delay = 90.0", "model.retry_max_delay: Value error, smaller than retry_base_delay"),
    ],
)
def test_bad_llm_options_are_named(tmp_path, line, problem):
    path = tmp_path / "job.toml"
    path.write_text(f'corpus = "c"\nout = "o"\n[model]\nbackend = "openai"\nname_or_path = "m"\n{line}\n')
    with pytest.raises(InputError, match=re.escape(f"job.toml: {problem}")):
        validate_sections(load_job_config(path, {}))


def test_the_backoff_doubles_up_to_its_limit_with_jitter():
    backoff = Backoff(attempts=6, base_delay=1.0, max_delay=5.0)
    waits = {attempt: [backoff.delay(attempt) for _ in range(200)] for attempt in range(1, 6)}
    for attempt, ceiling in zip(range(1, 6), [1, 2, 4, 5, 5], strict=True):
        assert all(ceiling / 2 <= wait <= ceiling for wait in waits[attempt])
        assert len(set(waits[attempt])) > 100  # jitter: runs that failed together do not retry together


def test_retry_after_in_seconds_is_waited_for(llm):
    llm.reply = scripted(Reply({}, 429, {"Retry-After": "1"}))
    assert backend(llm).translate(["Trời mưa."], "vi", "en") == [["[stub] Trời mưa."]]
    first, second = llm.requests
    assert 0.95 <= second.arrived - first.arrived < 2.5


def test_retry_after_as_an_http_date_counts_from_now():
    now = datetime(2015, 10, 21, 7, 27, 30, tzinfo=UTC)
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now) == 30
    assert retry_after_seconds("Wed, 21 Oct 2015 07:00:00 GMT", now) == 0
    assert retry_after_seconds("2", now) == 2
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None) is None


def test_a_retry_after_beyond_the_longest_wait_is_an_error_at_once(llm):
    llm.reply = lambda request: Reply({}, 429, {"Retry-After": "3600"})
    with pytest.raises(MtpipeError, match=r"asks to wait 3600 s .*retry_max_delay = 2 s"):
        backend(llm).translate(["Trời mưa."], "vi", "en")
    assert len(llm.requests) == 1


def test_attempts_are_bounded_and_the_error_names_the_endpoint(llm):
    llm.reply = lambda request: Reply({}, 500)
    with pytest.raises(MtpipeError) as err:
        backend(llm, max_attempts=3).translate(["Trời mưa."], "vi", "en")
    assert str(err.value) == f"LLM endpoint {llm.base_url}: HTTP 500; gave up after 3 attempt(s)"
    assert len(llm.requests) == 3


def test_a_slow_answer_times_out_and_is_asked_again(llm):
    llm.reply = scripted(Reply(answer("late").body, delay=1.5))
    assert backend(llm, read_timeout=0.3).translate(["Trời mưa."], "vi", "en") == [["[stub] Trời mưa."]]
    assert len(llm.requests) == 2
    llm.reply = lambda request: Reply(answer("late").body, delay=1.0)
    with pytest.raises(MtpipeError, match=r"no answer within read_timeout = 0.3 s; gave up after 2"):
        backend(llm, read_timeout=0.3, max_attempts=2).translate(["Trời mưa."], "vi", "en")


@pytest.mark.parametrize(
    "reply, problem",
    [
        (Reply(b'{"choices": [tru'), "the response is not JSON: '{\"choices\": [tru'"),
        (Reply(["not", "an", "object"]), "the response is an array, not a JSON object"),
        (Reply({"error": {"message": "model overloaded"}}), "the response has no choices: model overloaded"),
        (answer(None), "the answer holds no text (content is null)"),
        (answer({"text": "x"}), "the answer holds no text (content is an object)"),
        (
            Reply({"choices": [{"message": {"content": None, "refusal": "I can't help with that."}}]}),
            'the model refused: "I can\'t help with that."',
        ),
        (answer("Quảng Trị prov", "length"), "cut off at max_tokens = 1024 (finish_reason 'length')"),
        (Reply({"error": {"message": "unknown model stub-llm"}}, 404), "HTTP 404: unknown model stub-llm"),
    ],
)
def test_an_unusable_response_is_one_clear_error_and_not_retried(llm, reply, problem):
    llm.reply = lambda request: reply
    with pytest.raises(MtpipeError) as err:
        backend(llm).translate(["Trời mưa."], "vi", "en")
    assert str(err.value).startswith(f"LLM endpoint {llm.base_url}: ")
    assert problem in str(err.value)
    assert len(llm.requests) == 1


def test_requests_run_concurrently_up_to_the_limit(llm):
    llm.reply = lambda request: Reply(marked(request).body, delay=0.2)
    texts = [f"Câu {n}." for n in range(9)]
    assert backend(llm, concurrency=3).translate(texts, "vi", "en") == [[f"[stub] {t}"] for t in texts]
    assert llm.max_in_flight == 3


@pytest.mark.parametrize("concurrency", [1, 3])
def test_answers_paid_for_before_a_failure_are_kept_and_not_asked_again(llm, tmp_path, concurrency):
    texts = [f"Câu {n}." for n in range(1, 10)]
    failing = "Câu 4."

    def failing_once(request):
        return answer(None) if request.text == failing else Reply(marked(request).body, delay=0.05)

    llm.reply = failing_once
    cache = TranslationCache(tmp_path / "t.sqlite")
    with pytest.raises(MtpipeError, match="content is null"):
        CachedTranslator(backend(llm, concurrency=concurrency), cache).translate(texts, "vi", "en")
    answered = {text for text in llm.texts() if text != failing}
    if concurrency == 1:
        assert llm.texts() == texts[:4]  # no request starts after the failure
    llm.requests.clear()
    llm.reply = marked
    again = CachedTranslator(backend(llm, concurrency=concurrency), cache)
    done = again.translate(texts, "vi", "en")
    assert done == {text: f"[stub] {text}" for text in texts}
    assert sorted(llm.texts()) == sorted(set(texts) - answered)
    assert (again.cache_hits, again.model_calls) == (len(answered), len(texts) - len(answered))


MTPIPE_SECRET = "sk-mtpipe-7f3a9c-SECRET"
OPENAI_SECRET = "sk-openai-2b8d1e-SECRET"
URL_SECRET = "pw-in-url-5c4b-SECRET"


def llm_run(tmp_path, name: str, base_url: str, env: dict, model_lines: str = ""):
    """`mtpipe run` of a two-line corpus through the LLM backend, with its own output and cache."""
    corpus = make_corpus(tmp_path / "corpus", ["Trời mưa.", "Tỉnh Quảng Trị."])
    config = tmp_path / "configs" / f"{name}.toml"
    config.parent.mkdir(exist_ok=True)
    config.write_text(
        f'pipeline = ["translate"]\n[model]\nbackend = "openai"\nname_or_path = "stub-llm"\n'
        f'base_url = "{base_url}"\nretry_base_delay = 0.01\n{model_lines}'
    )
    written = tmp_path / "written" / name
    return run_cli(
        "run", str(corpus), "--to", "en", "--config", str(config),
        "-o", str(written / "out"), "--cache-dir", str(written / "cache"), env=env,
    )  # fmt: skip


def authorizations(llm) -> set[str | None]:
    return {request.headers.get("authorization") for request in llm.requests}


def test_the_key_comes_from_the_configured_variable_only_and_is_never_written(llm, tmp_path):
    env = {"MTPIPE_API_KEY": MTPIPE_SECRET, "OPENAI_API_KEY": OPENAI_SECRET}
    runs = [llm_run(tmp_path, "default", llm.base_url, env)]
    assert authorizations(llm) == {f"Bearer {MTPIPE_SECRET}"}
    llm.requests.clear()
    runs.append(llm_run(tmp_path, "openai", llm.base_url, env, 'api_key_env = "OPENAI_API_KEY"\n'))
    assert authorizations(llm) == {f"Bearer {OPENAI_SECRET}"}
    llm.requests.clear()
    with_password = llm.base_url.replace("://", f"://user:{URL_SECRET}@")
    runs.append(llm_run(tmp_path, "unset", with_password, {**env, "MTPIPE_API_KEY": ""}))
    assert not any(value and value.startswith("Bearer") for value in authorizations(llm))
    assert [run.returncode for run in runs] == [0, 0, 0], [run.stderr for run in runs]
    signature = json.loads((tmp_path / "written" / "unset" / "out" / "run.json").read_text())["signature"]
    assert signature["options"]["model"]["base_url"] == llm.base_url

    def refusing(request):
        echoed = request.headers.get("authorization")
        return Reply({"error": {"message": f"Incorrect API key provided: {echoed}"}}, 401)

    llm.reply = refusing
    refused = llm_run(tmp_path, "refused", llm.base_url, env)
    runs.append(refused)
    assert refused.returncode == 2
    problem = "HTTP 401: Incorrect API key provided: Bearer [redacted]"
    assert refused.stderr == f"mtpipe: error: LLM endpoint {llm.base_url}: {problem}\n"
    outputs = [run.stdout + run.stderr for run in runs]
    outputs += [path.read_bytes().decode("utf-8", "replace") for path in (tmp_path / "written").rglob("*")
                if path.is_file()]  # fmt: skip
    assert len(outputs) > 8
    for secret in (MTPIPE_SECRET, OPENAI_SECRET, URL_SECRET):
        assert not [output for output in outputs if secret in output]
