"""Identity: which written names are the same player or club (folding, matching, lookup)."""
