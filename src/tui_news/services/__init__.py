"""Services beside the core: library storage, fetching, extraction."""
