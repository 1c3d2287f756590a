"""The Docker adapter: the only package that imports python-on-whales (lazily, in ``client``).

Everything above it passes plain dataclasses in and gets plain dataclasses back, and sees
only ``DockerError`` when the engine, buildx or the registry fails.
"""
