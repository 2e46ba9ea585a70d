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


def skill_labels(skills: Iterable[str]) -> dict[str, str]:
    """Normalised skill → the first spelling written ("Postgres" → {"postgresql": "Postgres"}):
    scores compare the keys, explanations show what the person wrote."""
    labels: dict[str, str] = {}
    for written in skills:
        label = " ".join(written.split()).strip(" .,;:")
        key = normalize_skill(label)
        if key and key not in labels:
            labels[key] = label
    return labels


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


#: How requirements are written around the skill they name, in English and French:
#: "5+ years of Python", "Strong SQL skills", "Experience with Docker", "Maîtrise de Java".
_LEADING = re.compile(
    r"^(?:(?:at\s+least|minimum|min\.?|over|more\s+than|plus\s+de|au\s+moins)\s+)?"
    r"(?:\d+(?:[.,]\d+)?\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?|ans?|années?)\s*\+?\s*"
    r"(?:of\s+|in\s+|with\s+|d['\u2019]\s*|de\s+|en\s+)?(?:experience\s+|expérience\s+)?"
    r"(?:with\s+|in\s+|of\s+|en\s+|avec\s+|de\s+)?)"
    r"|^(?:strong|solid|good|great|excellent|proven|deep|extensive|hands[- ]on|working|"
    r"advanced|expert|professional|practical|basic|fluent|some|demonstrated|"
    r"bonnes?|solides?|excellentes?|très|a|an|the|une?|la|le|les)\s+"
    r"|^(?:knowledge|experience|expertise|proficiency|familiarity|understanding|command|mastery|"
    r"background|connaissances?|expérience|maîtrise|pratique)\s+(?:of|in|with|on|de|d['\u2019]|du|"
    r"des|en|avec|using)\s*"
    r"|^(?:proficient|skilled|experienced|familiar|fluent|comfortable|versed)\s+(?:in|with)\s+"
    r"|^(?:with|in|using|including|such\s+as|e\.g\.|like|avec|dont|notamment)\s+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s*(?:\((?:[^)]*)\)|"
    r"\b(?:experience|skills?|knowledge|expertise|proficiency|background|"
    r"(?:is\s+)?(?:a\s+)?(?:plus|bonus)|(?:is\s+)?nice\s+to\s+have|required|preferred|"
    r"mandatory|expérience|compétences?|connaissances?|souhaitée?s?|requise?s?|apprécié(?:e|es|s)?)|"
    r"[,.;:!]|\s+)$",
    re.IGNORECASE,
)
_ITEMS = re.compile(r"\s*(?:[,;•|]|\s(?:and|or|&|et|ou|as well as)\s)\s*", re.IGNORECASE)
#: Words that make a phrase a qualification, not a skill ("related field", "Master's degree").
_NOT_SKILLS = frozenset(
    {
        *("degree", "field", "related", "equivalent", "similar", "bachelor", "bachelor's"),
        *("master", "master's", "diploma", "phd", "ability", "able", "years", "year"),
        *("diplôme", "domaine", "équivalent", "similaire", "licence", "ans", "années"),
    }
)
#: Longest phrase taken as one skill once its wording is stripped ("Google Cloud Platform").
MAX_SKILL_WORDS = 3


def _strip(part: str) -> str:
    previous = None
    while previous != part:
        previous = part
        part = _LEADING.sub("", part.strip())
        part = _TRAILING.sub("", part)
    return part.strip()


def requirement_skills(requirement: str, hints: frozenset[str]) -> list[str]:
    """The skills one requirement names, as written: "5+ years of Python" → ["Python"],
    "Django experience" → ["Django"], "Strong SQL skills" → ["SQL"], "Experience with Docker
    and Kubernetes" → ["Docker", "Kubernetes"]. A part still longer than a skill name once
    its wording is stripped contributes only the known technical words it mentions
    (``hints``, normalised): "Bachelor's degree in a Python-heavy field" → ["Python"]."""
    found: list[str] = []
    for part in _ITEMS.split(requirement):
        if not part.strip():
            continue
        name = _strip(part)
        if "/" in name and normalize_skill(name) not in _CANONICAL.values():
            pieces = [_strip(p) for p in name.split("/")]  # "Python/Django", not "CI/CD"
        else:
            pieces = [name]
        for piece in pieces:
            words = piece.split()
            folded = [_fold(w) for w in words]
            if (
                1 <= len(words) <= MAX_SKILL_WORDS
                and not all(w in STOP_WORDS or w.isdigit() for w in folded)
                and not any(w in _NOT_SKILLS for w in folded)
            ):
                found.append(piece)
            else:
                found.extend(w for w in _TOKEN.findall(piece) if normalize_skill(w) in hints)
    return found
