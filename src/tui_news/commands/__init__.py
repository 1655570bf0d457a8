"""Subcommands that work without the UI (fetching, feeds). Each exposes `run_*(argv) -> int`.

Modules here import their heavy dependencies inside the functions, so registering a command
in the command line costs nothing until it runs.
"""
