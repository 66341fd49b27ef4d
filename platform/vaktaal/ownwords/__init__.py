"""An organisation's own words and themes, and the words learners bring from work."""
