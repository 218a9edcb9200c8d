"""Translation through an OpenAI-compatible chat-completions endpoint (a hosted LLM or a local
server such as vLLM or llama.cpp), with the relevant glossary entries in the prompt. Up to
`concurrency` requests run at once; 429, 5xx, timeouts and lost connections are tried again after
a backoff (or the server's `Retry-After`); every answer is checked before it is used, and each is
handed back as soon as it arrives, so the cache keeps what was paid for."""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from ..errors import MtpipeError
from ..languages import language
from .base import Terms, code_version
from .options import ModelOptions, public_url
from .retry import Backoff, retry_after_seconds

JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}


def json_type(value: object) -> str:
    """What a parsed JSON value is, in words."""
    return JSON_TYPES.get(type(value), "a number")


class UnusableAnswer(ValueError):
    """A response that holds no usable translation; the message says why."""


class Halted(Exception):
    """A request not started, or not tried again, because another one failed."""


def system_prompt(source_lang: str, target_lang: str, terms: Terms) -> str:
    """The instruction: translate, and use exactly these target forms for these source terms."""
    lines = [
        f"Translate the user's {language(source_lang).name} text into {language(target_lang).name}.",
        "Reply with the translation only, on one line.",
    ]
    if terms:
        lines.append("Use exactly these translations for these terms:")
        lines += [f"- {source} → {target}" for source, target in terms]
    return "\n".join(lines)


def excerpt(text: str, limit: int = 80) -> str:
    """`text` on one line, cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def answer_text(response: httpx.Response, max_tokens: int) -> str:
    """The translation in a chat-completions response, whitespace collapsed; `UnusableAnswer` when
    the body is not a JSON object with a first choice whose message holds complete text."""
    try:
        body = response.json()
    except ValueError:
        raise UnusableAnswer(f"the response is not JSON: {excerpt(response.text)!r}") from None
    if not isinstance(body, dict):
        raise UnusableAnswer(f"the response is {json_type(body)}, not a JSON object")
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices:
        raise UnusableAnswer(f"the response has no choices{server_message(body)}")
    choice = choices[0]
    message = choice.get("message") if isinstance(choice, dict) else None
    if not isinstance(message, dict):
        raise UnusableAnswer("the response's first choice has no message")
    if message.get("refusal"):
        raise UnusableAnswer(f"the model refused: {excerpt(str(message['refusal']))!r}")
    if choice.get("finish_reason") == "length":
        raise UnusableAnswer(
            f"the answer was cut off at max_tokens = {max_tokens} (finish_reason 'length'); "
            "raise [model] max_tokens"
        )
    if choice.get("finish_reason") == "content_filter":
        raise UnusableAnswer("the answer was withheld by the server's content filter")
    content = message.get("content")
    if not isinstance(content, str):
        raise UnusableAnswer(f"the answer holds no text (content is {json_type(content)})")
    return " ".join(content.split())


def server_message(body: object) -> str:
    """': message' from an error body ({"error": {"message": ...}} or {"error": "..."}), or ''."""
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        error = error.get("message")
    return f": {excerpt(str(error), 200)}" if error else ""


class OpenAICompatibleTranslator:
    """One chat completion per text, at temperature 0 (so one hypothesis); every option explicit.
    The key (`api_key`) is only ever sent as the Authorization header to `base_url`."""

    def __init__(self, options: ModelOptions, api_key: str | None = None):
        self.model = options.name_or_path
        self.endpoint = public_url(options.base_url)
        self.identity = hashlib.sha256(f"{self.endpoint}|{self.model}".encode()).hexdigest()[:16]
        self.options = options
        self.backoff = Backoff(options.max_attempts, options.retry_base_delay, options.retry_max_delay)
        url = urlsplit(options.base_url)
        self._secrets = [secret for secret in (api_key, url.password, url.query) if secret]
        self._key_sent = bool(api_key)
        self._client = httpx.Client(
            base_url=options.base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {api_key}"} if api_key else {},
            timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout),
            limits=httpx.Limits(max_connections=options.concurrency),
        )

    @classmethod
    def from_options(cls, options: ModelOptions, cache_dir: Path) -> OpenAICompatibleTranslator:
        """The endpoint of `options`, with the key from the variable named by `api_key_env`."""
        return cls(options, api_key=os.environ.get(options.api_key_env) or None)

    def options_key(self) -> str:
        """Temperature, and the version of this module's prompt and post-processing. `max_tokens`
        is not in it: an answer it cuts off is an error, never a translation."""
        return f"llm;temperature=0;processing={code_version(sys.modules[__name__])}"

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        terms: Sequence[Terms] | None = None,
    ) -> list[list[str]]:
        """One translation of each text; `terms[i]` are the (source, approved target) pairs of text i."""
        results: list[list[str]] = [[] for _ in texts]
        for index, hypotheses in self.translate_each(texts, source, target, terms=terms):
            results[index] = hypotheses
        return results

    def translate_each(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        terms: Sequence[Terms] | None = None,
    ) -> Iterator[tuple[int, list[str]]]:
        """(index, [translation]) for each text as its answer arrives, `concurrency` requests at a
        time. After a failure no request starts and none is retried; the answers already under
        way are handed back, then the first error is raised."""
        prompts = [system_prompt(source, target, terms[i] if terms else ()) for i in range(len(texts))]
        halt = threading.Event()
        pool = ThreadPoolExecutor(self.options.concurrency, thread_name_prefix="mtpipe-llm")
        try:
            futures = {
                pool.submit(self._request, text, prompt, halt): i
                for i, (text, prompt) in enumerate(zip(texts, prompts, strict=True))
            }
            failure: BaseException | None = None
            for future in as_completed(futures):
                error = future.exception()
                if error is None:
                    yield futures[future], [future.result()]
                elif failure is None and not isinstance(error, Halted):
                    failure = error
            if failure is not None:
                raise failure
        finally:
            halt.set()
            pool.shutdown(cancel_futures=True)

    def _request(self, text: str, instruction: str, halt: threading.Event) -> str:
        """The translation of `text`; a failure sets `halt`, so that no other request starts."""
        if halt.is_set():
            raise Halted
        try:
            return self._complete(text, instruction, halt)
        except Halted:
            raise
        except Exception:
            halt.set()
            raise

    def _complete(self, text: str, instruction: str, halt: threading.Event) -> str:
        payload = {
            "model": self.model,
            "temperature": 0,
            "max_tokens": self.options.max_tokens,
            "messages": [{"role": "system", "content": instruction}, {"role": "user", "content": text}],
        }
        response = self._post(payload, halt)
        try:
            return answer_text(response, self.options.max_tokens)
        except UnusableAnswer as err:
            raise self._error(f"{err} (source text {excerpt(text, 40)!r})") from None

    def _post(self, payload: dict, halt: threading.Event) -> httpx.Response:
        """The endpoint's successful response; 429, 5xx, timeouts and lost connections are tried
        again after a backoff, or after the server's `Retry-After`, up to `max_attempts` times."""
        for attempt in range(1, self.backoff.attempts + 1):
            server_wait = None
            try:
                response = self._client.post("/chat/completions", json=payload)
            except httpx.RequestError as err:
                problem = self._transport_problem(err)
            else:
                if response.status_code != 429 and response.status_code < 500:
                    return self._successful(response)
                problem = f"HTTP {response.status_code}"
                server_wait = retry_after_seconds(response.headers.get("Retry-After"))
            if attempt == self.backoff.attempts:
                break
            if halt.wait(self._wait(attempt, server_wait, problem)):
                raise Halted
        raise self._error(f"{problem}; gave up after {attempt} attempt(s)")

    def _wait(self, attempt: int, server_wait: float | None, problem: str) -> float:
        """Seconds before the next try: the server's wish, unless longer than `retry_max_delay`."""
        if server_wait is None:
            return self.backoff.delay(attempt)
        if server_wait > self.backoff.max_delay:
            raise self._error(
                f"{problem}: the server asks to wait {server_wait:.0f} s (Retry-After), longer than "
                f"[model] retry_max_delay = {self.backoff.max_delay:g} s"
            )
        return server_wait

    def _transport_problem(self, err: httpx.RequestError) -> str:
        if isinstance(err, httpx.ConnectTimeout):
            return f"no connection within connect_timeout = {self.options.connect_timeout:g} s"
        if isinstance(err, httpx.ReadTimeout):
            return f"no answer within read_timeout = {self.options.read_timeout:g} s"
        return f"request failed ({type(err).__name__}: {err})"

    def _successful(self, response: httpx.Response) -> httpx.Response:
        """`response` if it succeeded, otherwise an error with the server's own message."""
        if response.is_success:
            return response
        try:
            detail = server_message(response.json())
        except ValueError:
            detail = f": {excerpt(response.text)}" if response.text.strip() else ""
        if response.status_code in (401, 403) and not self._key_sent:
            detail += f" (no key was sent: ${self.options.api_key_env} is not set; see [model] api_key_env)"
        raise self._error(f"HTTP {response.status_code}{detail}")

    def _error(self, problem: str) -> MtpipeError:
        """The error naming the endpoint (without credentials); no secret survives in it."""
        for secret in self._secrets:
            problem = problem.replace(secret, "[redacted]")
        return MtpipeError(f"LLM endpoint {self.endpoint}: {problem}")
