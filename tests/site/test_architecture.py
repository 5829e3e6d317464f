"""The layout's rule holds: dependencies run one way, and nothing outside tests/ imports tests/.

The contracts are in pyproject.toml ([tool.importlinter]); `make lint` checks them too, and this
test keeps them in `make test`, which CI runs.
"""

from django.conf import settings
from importlinter.cli import lint_imports


def test_the_import_contracts_are_kept(capsys, monkeypatch):
    monkeypatch.chdir(settings.BASE_DIR)  # pyproject.toml holds the contracts
    exit_code = lint_imports(no_cache=True, no_logo=True)
    assert exit_code == 0, capsys.readouterr().out
