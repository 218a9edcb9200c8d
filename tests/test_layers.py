"""The import contracts of pyproject.toml hold for the tree, and each one breaks when a forbidden
import is added (run on a copy of the package, so the tree itself is never touched)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    command = [str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache"]
    return subprocess.run(command, cwd=package_parent, env=env, capture_output=True, text=True, timeout=120)


def test_the_tree_keeps_every_contract(tmp_path):
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline")
    result = lint_imports(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, line, broken",
    [
        ("mt/cache.py", "from ..stages import base", "Libraries import no stage, runner, job config or CLI"),
        ("stages/terms.py", "from . import glossary", "Stages import no other stage"),
        ("terminology/finder.py", "from ..normalize import engine", "Layers: CLI, runner"),
        ("edits.py", "from . import document", "No import cycles inside pipeline"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, line, broken):
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline")
    path = tmp_path / "pipeline" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    summary = " ".join(result.stdout.split("Broken contracts")[0].split())
    assert re.search(re.escape(broken) + r"[^.]*? BROKEN", summary), summary
