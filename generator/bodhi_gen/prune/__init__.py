"""Safe pruning of GHCR: untagged manifests no tag needs, and the cache and staging refs of dropped units."""
