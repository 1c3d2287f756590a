"""The base watch: whether the base an image was built on has moved since, and the rebuild it asks for."""
