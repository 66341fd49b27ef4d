"""Teachers: their groups, the trajectory's training calendar, pre-teaching, progress."""
