"""What the image commands hand back to CI: step outputs and the Markdown job summary."""
