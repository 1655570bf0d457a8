"""The Textual user interface: app, screens, widgets and Rich renderables."""
