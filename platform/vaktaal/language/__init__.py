"""Dutch language core: the shared pipeline, lemmas and term extraction (no Flask, no DB)."""
