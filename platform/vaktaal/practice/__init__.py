"""Learners practise: batches of exercises, answers recorded exactly once, progress."""
