"""Rich renderables for the reader."""
