"""Building one unit with buildx: its inputs and request, the app binary a variant copies, the report."""
