"""Suite-wide settings: hypothesis without deadlines (2 shared cores make timings noisy)."""

import os
import tempfile

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
