"""The `prompt` strategy: an OpenAI-compatible endpoint gets the segment's glossary entries in its
prompt. The endpoint here is a loopback stub that records requests (a protocol test: its replies
are marked as stub text, not translations)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import run_cli
from test_corpus import make_corpus


@pytest.fixture
def endpoint():
    requests: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            requests.append({"path": self.path, **body})
            reply = {"choices": [{"message": {"role": "assistant", "content": f"[stub {len(requests)}]"}}]}
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1", requests
    server.shutdown()


def test_glossary_entries_go_into_the_prompt(endpoint, tmp_path):
    base_url, requests = endpoint
    corpus = make_corpus(tmp_path / "c", ["Tỉnh Quảng Trị mở cửa khẩu Lao Bảo.", "Trời mưa."])
    config = tmp_path / "job.toml"
    config.write_text(
        f'[model]\nbackend = "openai"\nname_or_path = "some-llm"\nbase_url = "{base_url}"\n'
        '[glossary]\nstrategy = "prompt"\n'
    )
    result = run_cli(
        "run",
        str(corpus),
        "--targets",
        "ar",
        "--out",
        str(tmp_path / "o"),
        "--config",
        str(config),
        "--cache-dir",
        str(tmp_path / "cache"),
    )
    assert result.returncode == 0, result.stderr
    assert [r["path"] for r in requests] == ["/v1/chat/completions"] * 2
    by_text = {r["messages"][1]["content"]: r for r in requests}
    instruction = by_text["Tỉnh Quảng Trị mở cửa khẩu Lao Bảo."]["messages"][0]["content"]
    assert "into Modern Standard Arabic" in instruction
    assert "- Lao Bảo → لاو باو" in instruction and "Quảng Trị → " in instruction
    assert "→" not in by_text["Trời mưa."]["messages"][0]["content"]
    assert all(r["model"] == "some-llm" and r["temperature"] == 0 for r in requests)
    assert (tmp_path / "o" / "hyp.ar.txt").read_text().count("\n") == 2
