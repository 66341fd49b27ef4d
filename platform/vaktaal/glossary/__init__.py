"""Printable picture glossaries, labels and posters with QR codes; the public word pages."""
