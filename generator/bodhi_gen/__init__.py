"""bodhi-gen: build, smoke-test and ship BodhiApp's Docker images from one validated config."""

import os

__version__ = "1.0.0"

# bodhi-gen uses no pydantic plugins; looking them up scans every installed distribution's
# entry points, which costs more than validating the whole config.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
