"""Suite-wide settings: hypothesis without wall-clock deadlines (2 shared cores make timings noisy)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Per-user locations never touch the real home folder during tests.
os.environ.setdefault("TUI_NEWS_HOME", os.path.join(os.path.dirname(__file__), ".tui-news-home"))
