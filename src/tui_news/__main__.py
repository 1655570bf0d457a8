"""`python -m tui_news` runs the same command line as the `tui-news` script."""

from tui_news.cli import main

raise SystemExit(main())
