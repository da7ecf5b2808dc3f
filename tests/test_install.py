"""A plain (non-editable) install writes the briefs: the package carries its templates, nothing is read from the
source tree. Built offline from a copy of the sources, with the venv's own setuptools."""

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "input_samples"
SETUPTOOLS_WITH_WHEELS = (70, 1)  # from 70.1 setuptools builds wheels without the separate `wheel` package


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


def test_offline_build_has_what_it_needs():
    version = importlib.metadata.version("setuptools")
    assert _version(version) >= SETUPTOOLS_WITH_WHEELS, (
        f"setuptools {version} in this venv cannot build a wheel offline; install the test extras: "
        "pip install -e '.[test]'")


def test_installed_package_not_the_source_tree_writes_a_brief(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "pbbatch", source / "pbbatch", ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps",
                            "--no-build-isolation", "--target", str(site), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    shutil.rmtree(source)  # nothing of the sources is left to read from

    work = tmp_path / "work"
    shutil.copytree(SAMPLES / "inbox", work / "inbox")
    shutil.copy2(SAMPLES / "名冊.xlsx", work / "名冊.xlsx")
    (work / "config.toml").write_text("", encoding="utf-8")  # every default: inbox/, 名冊.xlsx, output/
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import pbbatch; print(pbbatch.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(site)

    done = subprocess.run([sys.executable, "-m", "pbbatch", "run", "--period", "2026-03", "--quiet"], cwd=work,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr  # a rejected file on purpose
    briefs = sorted(p.name for p in (work / "output" / "2026-03").glob("*.html"))
    assert briefs == ["支部講評會材料_2026-Q1.html", "部門講評會材料_2026-03.html"]


def test_ci_runs_exactly_the_readme_test_command():
    ci_line = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    readme_commands = [line.strip() for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                       if line.startswith("    ")]
    assert ci_line in readme_commands and "pytest" in ci_line
