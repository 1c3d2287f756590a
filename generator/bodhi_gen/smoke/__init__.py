"""The smoke test: run an image the way users will, and check what its contract promises."""
