"""Third-party action pins: the data file and its lookup, choosing newer releases, updating, rewriting."""
