"""Publishing a merge group: the index under its tags, ``latest-*`` only forward, the size gate, the mirrors."""
