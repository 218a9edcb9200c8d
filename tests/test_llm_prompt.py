"""The `prompt` strategy: an OpenAI-compatible endpoint gets the segment's glossary entries in its
prompt. The endpoint here is a loopback stub that records requests (a protocol test: its replies
are marked as stub text, not translations)."""

from conftest import run_cli
from test_corpus import make_corpus


def test_glossary_entries_go_into_the_prompt(llm, tmp_path):
    base_url = llm.base_url
    corpus = make_corpus(tmp_path / "c", ["Tỉnh Quảng Trị mở cửa khẩu Lao Bảo.", "Trời mưa."])
    config = tmp_path / "job.toml"
    config.write_text(
        f'[model]\nbackend = "openai"\nname_or_path = "some-llm"\nbase_url = "{base_url}"\n'
        '[glossary]\nstrategy = "prompt"\n'
    )
    result = run_cli(
        "run",
        str(corpus),
        "--to",
        "ar",
        "-o",
        str(tmp_path / "o"),
        "--config",
        str(config),
        "--cache-dir",
        str(tmp_path / "cache"),
    )
    assert result.returncode == 0, result.stderr
    assert [r.path for r in llm.requests] == ["/v1/chat/completions"] * 2
    by_text = {r.text: r.body for r in llm.requests}
    instruction = by_text["Tỉnh Quảng Trị mở cửa khẩu Lao Bảo."]["messages"][0]["content"]
    assert "into Modern Standard Arabic" in instruction
    assert "- Lao Bảo → لاو باو" in instruction and "Quảng Trị → " in instruction
    assert "→" not in by_text["Trời mưa."]["messages"][0]["content"]
    assert all(r.body["model"] == "some-llm" and r.body["temperature"] == 0 for r in llm.requests)
    assert (tmp_path / "o" / "hyp.ar.txt").read_text().count("\n") == 2
