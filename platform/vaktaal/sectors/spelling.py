"""Dutch spelling against the OpenTaal word list, through the `hunspell` program."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from typing import Protocol

# A word: letters, with inner hyphens or apostrophes (wc-pot, auto's). Digits are no words.
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class SpellingUnavailable(RuntimeError):
    """The spelling checker cannot run; the message says what to install."""


class SpellChecker(Protocol):
    def unknown_words(self, words: Iterable[str]) -> set[str]:
        """Return the words that are not in the word list."""
        ...


def words_in(text: str) -> list[str]:
    """Split a Dutch text into the words the spelling check looks at."""
    return [w.replace("’", "'") for w in WORD.findall(text)]


class Hunspell:
    """Batch spelling check with Debian's `hunspell` and `hunspell-nl` (OpenTaal)."""

    def __init__(self, dictionary: str = "nl_NL") -> None:
        self.dictionary = dictionary

    def unknown_words(self, words: Iterable[str]) -> set[str]:
        unique = sorted(set(words))
        if not unique:
            return set()
        program = shutil.which("hunspell")
        if program is None:
            raise SpellingUnavailable(
                "the spelling check needs the hunspell program and the OpenTaal word list "
                "(Debian packages hunspell and hunspell-nl; `make` installs them)"
            )
        result = subprocess.run(
            [program, "-d", self.dictionary, "-i", "utf-8", "-l"],
            input="\n".join(unique) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        if result.returncode != 0 or "Can't open affix or dictionary" in result.stderr:
            raise SpellingUnavailable(
                f"hunspell cannot use the dictionary {self.dictionary!r}: "
                f"{result.stderr.strip() or 'exit status ' + str(result.returncode)} "
                "(install the Debian package hunspell-nl)"
            )
        rejected = set(result.stdout.split())
        # hunspell may reject a part of a hyphenated word rather than the whole.
        return {
            word
            for word in unique
            if word in rejected or any(part in rejected for part in re.split(r"[-']", word))
        }
