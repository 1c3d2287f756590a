"""The plan: config → build units and merge groups, the image contract, and CLI selection → units."""
