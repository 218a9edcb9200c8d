"""A chat-completions endpoint on 127.0.0.1 for tests: it records every request and answers as the
test's `reply` function says. It is a protocol stub: its answers are marked text, not translations.
Every reply's delay is capped, so no test waits long on it."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_DELAY = 3.0


@dataclass
class Request:
    number: int
    """1-based, in order of arrival."""
    path: str
    headers: dict[str, str]
    body: dict
    arrived: float
    """time.monotonic() when it arrived."""

    @property
    def text(self) -> str:
        """The text to translate (the user message)."""
        return self.body["messages"][-1]["content"]


@dataclass
class Reply:
    body: object = None
    """Sent as JSON, or as is when bytes."""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def answer(content: object, finish_reason: str = "stop") -> Reply:
    message = {"role": "assistant", "content": content}
    return Reply({"choices": [{"index": 0, "message": message, "finish_reason": finish_reason}]})


def marked(request: Request) -> Reply:
    """The default answer: the text, marked as the stub's."""
    return answer(f"[stub] {request.text}")


class StubLLM:
    """Serves until `close()`; `reply` may be replaced between requests."""

    def __init__(self, reply: Callable[[Request], Reply] = marked):
        self.reply = reply
        self.requests: list[Request] = []
        self.in_flight = self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def texts(self) -> list[str]:
        return [request.text for request in self.requests]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _arrived(self, path: str, headers: dict[str, str], body: dict) -> Request:
        with self._lock:
            request = Request(len(self.requests) + 1, path, headers, body, time.monotonic())
            self.requests.append(request)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        return request

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                request = stub._arrived(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                try:
                    self._send(stub.reply(request))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a read-timeout test)
                finally:
                    with stub._lock:
                        stub.in_flight -= 1

            def _send(self, reply: Reply) -> None:
                time.sleep(min(reply.delay, MAX_DELAY))
                data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler
