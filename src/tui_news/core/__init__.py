"""The pure core: models, import, native format, readings, ruby layout, search.

Nothing in this package may import textual or rich (tests/test_import_hygiene.py checks it),
so the command line and the tests can use it without loading the UI stack.
"""
