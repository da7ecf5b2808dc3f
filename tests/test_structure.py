"""The package's shape (issue: a house a newcomer can walk): stages as sub-packages whose imports point one way,
a run's result left whole for a library caller, and a writer's failure reaching the command line as a message."""

import ast
from pathlib import Path

from click.testing import CliRunner

import pbbatch
from conftest import complete_march, write_company
from pbbatch.cli import cli
from pbbatch.core.config import load_config
from pbbatch.core.periods import Month

# Each layer may import itself and the layers before it, never one after it.
LAYERS = ["core", "intake", "rectify", "assess", "history", "annual", "briefs", "outputs", "site", "setup",
          "letters", "run", "cli", "__main__"]
PACKAGE = Path(pbbatch.__file__).parent


def imports_of(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pbbatch"):
            names = [node.module] if node.module != "pbbatch" else [f"pbbatch.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "relative"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("pbbatch")]
    return found


def test_every_module_belongs_to_a_layer():
    modules = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in PACKAGE.rglob("*.py")}
    assert modules - {"__init__"} <= set(LAYERS)


def test_imports_point_one_way_along_the_pipeline():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        me = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        for line, name in imports_of(path):
            if name == "relative":
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} relative import")
                continue
            other = name.split(".")[1] if "." in name else None
            if other in LAYERS and me in LAYERS and LAYERS.index(other) > LAYERS.index(me):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} {me} -> {name}")
    assert wrong == []


def test_a_library_callers_result_keeps_every_accepted_row(tmp_path):
    from pbbatch.run import run

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")
    result = run(load_config(folder / "config.toml"), Month(2026, 3))
    accepted = [o for o in result.intake.outcomes if o.status == "accepted"]
    assert accepted and all(o.columns is not None and o.row_count for o in accepted)
    assert len(result.departments.ranking) == 3 and result.branches is not None and result.files


def test_a_failure_in_the_forked_writer_reaches_the_command_line_as_a_message(tmp_path, monkeypatch):
    import pbbatch.outputs.write

    folder = write_company(tmp_path)
    complete_march(folder / "inbox")

    def broken(*args):
        raise KeyError("a bug in the departments' workbook")

    monkeypatch.setattr(pbbatch.outputs.write, "department_workbook", broken)
    result = CliRunner().invoke(cli, ["run", "--period", "2026-03", "--config", str(folder / "config.toml")])
    assert result.exit_code == 2, result.output
    assert "KeyError" in result.output and "a bug in the departments' workbook" in result.output
    assert "Traceback" not in result.output
    assert not (folder / "output" / "2026-03").exists()
