"""Skill normalisation: case, punctuation and an alias table kept as data (easy to extend)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

#: canonical name → other spellings. Keys and values are compared after ``_fold``.
ALIASES: dict[str, tuple[str, ...]] = {
    "postgresql": ("postgres", "psql", "pgsql", "postgre sql"),
    "javascript": ("js", "ecmascript", "es6"),
    "typescript": ("ts",),
    "kubernetes": ("k8s", "kube"),
    "python": ("python3", "py", "python 3"),
    "golang": ("go lang", "go"),
    "react": ("reactjs", "react.js"),
    "node.js": ("node", "nodejs"),
    "vue": ("vuejs", "vue.js"),
    "amazon web services": ("aws",),
    "google cloud": ("gcp", "google cloud platform"),
    "machine learning": ("ml",),
    "artificial intelligence": ("ai",),
    "c#": ("csharp", "c sharp"),
    "c++": ("cpp",),
    "continuous integration": ("ci", "ci/cd", "cicd"),
    "docker": ("containers",),
    "mongodb": ("mongo",),
    "tensorflow": ("tf",),
    "scikit-learn": ("sklearn", "scikit learn"),
}


@lru_cache(maxsize=1 << 18)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w+#./ -]", " ", plain).replace("_", " ").split()).strip(" .-/")


_CANONICAL: dict[str, str] = {}
for _name, _others in ALIASES.items():
    _CANONICAL[_fold(_name)] = _fold(_name)
    for _other in _others:
        _CANONICAL[_fold(_other)] = _fold(_name)


@lru_cache(maxsize=1 << 18)
def normalize_skill(skill: str) -> str:
    folded = _fold(skill)
    return _CANONICAL.get(folded, folded)


def skill_set(skills: Iterable[str]) -> frozenset[str]:
    return frozenset(s for s in (normalize_skill(x) for x in skills) if s)


_TOKEN = re.compile(r"[\w+#.]+")


def _stop_words() -> frozenset[str]:
    text = resources.files("core.domain.matching.data").joinpath("stopwords-en-fr.txt")
    lines = text.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


STOP_WORDS = _stop_words()


def keywords(text: str) -> frozenset[str]:
    """Distinct meaningful words: folded, stop words (English and French) and short noise out."""
    words = (_fold(w) for w in _TOKEN.findall(text))
    return frozenset(
        normalize_skill(w) for w in words if len(w) > 2 and w not in STOP_WORDS and not w.isdigit()
    )
