"""The reading processes start before pandas is imported (it is imported while they work): nothing on the way
to them may import it. A structural check, not a timing."""

import subprocess
import sys

from conftest import complete_march

CHECK = """
import sys
import pbbatch.cli, pbbatch.run, pbbatch.intake.inbox
from pbbatch.core.config import load_config
from pbbatch.intake.parallel import take_in_all
from pbbatch.core.periods import Month
from pbbatch.core.records import Context
from pbbatch.intake.registry_file import load_registry
config = load_config(sys.argv[1])
registry = load_registry(config.registry, config.locale)
outcomes = take_in_all(config.inbox, Context(registry, config, Month(2026, 3)), workers=1)
assert sum(o.status == "accepted" and o.form == "ratings" for o in outcomes) == 7  # every rating file validated
heavy = sorted(m for m in ("pandas", "numpy", "xlsxwriter", "jinja2") if m in sys.modules)
print(" ".join(heavy))
"""


def test_reading_and_validating_import_no_heavy_module(workspace, tmp_path):
    complete_march(workspace.inbox)
    (tmp_path / "config.toml").write_text("", encoding="utf-8")  # every key its default: inbox/, 名冊.xlsx
    done = subprocess.run([sys.executable, "-c", CHECK, str(tmp_path / "config.toml")], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == ""
