"""Training texts: read uploads, find their work words, compare them with the sector lists."""
