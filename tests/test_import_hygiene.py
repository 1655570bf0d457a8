"""The core must stay free of the UI stack: importing it loads neither textual nor rich."""

import pkgutil
import subprocess
import sys

import tui_news.core


def core_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(tui_news.core.__path__, prefix="tui_news.core.")
    ]


def test_core_has_modules():
    assert "tui_news.core.models" in core_modules()


def test_importing_core_loads_neither_textual_nor_rich():
    imports = "\n".join(f"import {name}" for name in ["tui_news.core", *core_modules()])
    probe = (
        f"{imports}\n"
        "import sys\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
