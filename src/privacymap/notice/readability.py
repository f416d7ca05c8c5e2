"""How hard a notice's first layer is to read, for the build summary.

The Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers and Chissom, 1975,
"Derivation of new readability formulas ... for Navy enlisted personnel"):

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

and a UK reading age of grade + 5 (a US grade is a school year begun at about
age 5-6). Syllables are counted by groups of vowels, less a silent final "e",
at least one a word: the usual approximation, within a syllable or so of a
dictionary on plain English. Written here rather than taken from textstat,
whose current release downloads a pronouncing dictionary on first use (the
notice build makes no network call).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from privacymap.notice.parts import NoticeView

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade level (0 for no text)."""
        if not self.words:
            return 0.0
        return (
            0.39 * self.words / max(self.sentences, 1) + 11.8 * self.syllables / self.words - 15.59
        )

    @property
    def reading_age(self) -> int:
        """The UK reading age the grade corresponds to (grade + 5, at least 5)."""
        return max(5, round(self.grade + 5))


def syllables(word: str) -> int:
    """Syllables of one word, by vowel groups (a silent final e dropped); at least 1."""
    w = word.lower().replace("’", "'")
    if len(w) > 2 and w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        w = w[:-1]
    return max(1, len(_VOWELS.findall(w)))


def measure(texts: list[str]) -> Readability:
    """Readability of `texts`, each a heading, answer or sentence (each ends a sentence)."""
    words = [w for t in texts for w in _WORD.findall(t)]
    sentences = sum(max(1, len(_SENTENCE_END.findall(t.strip() + " "))) for t in texts if t)
    return Readability(len(words), sentences, sum(syllables(w) for w in words))


def first_layer(view: NoticeView) -> Readability:
    """Readability of the first layer ("At a glance"): each row, its heading run into its
    answer, as the page shows it."""
    return measure([f"{row.key}: {' '.join(row.values)}" for row in view.glance])
