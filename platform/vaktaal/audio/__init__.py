"""Audio for every Dutch word, sentence and dialogue line: engines, cache, build, serving."""
