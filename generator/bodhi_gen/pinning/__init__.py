"""``bodhi-gen pins``: list the third-party action pins, and move them to newer releases."""
