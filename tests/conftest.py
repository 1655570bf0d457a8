"""Suite-wide settings: hypothesis without deadlines (2 shared cores make timings noisy)."""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Per-user locations never touch the real home folder during tests.
os.environ["TUI_NEWS_HOME"] = tempfile.mkdtemp(prefix="tui-news-home-")


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (Textual's loop)."""
    return "asyncio"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The seed, the garden debate and the battery story in a `library` folder (files that
    need another library override this fixture)."""
    from snapshot_app import make_library  # the tests folder is on sys.path when they run

    return make_library(tmp_path)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh TUI_NEWS_HOME for one test: no config, state or read marks leak between tests."""
    monkeypatch.setenv("TUI_NEWS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
