"""Explanations from the same computation as the score, for the candidate and the recruiter,
in English and French."""

from __future__ import annotations

from core.domain.matching.score import MatchScore

LABELS = {
    "en": {
        "skills": "skills",
        "experience": "experience",
        "technologies": "technologies",
        "description": "profile keywords",
        "location": "location",
        "salary": "salary",
        "domain": "industry",
        "contract_type": "contract type",
    },
    "fr": {
        "skills": "compétences",
        "experience": "expérience",
        "technologies": "technologies",
        "description": "mots-clés du profil",
        "location": "localisation",
        "salary": "salaire",
        "domain": "secteur",
        "contract_type": "type de contrat",
    },
}


def _band(total: float, lang: str) -> str:
    bands = {
        "en": (
            (85, "Excellent match"),
            (70, "Good match"),
            (50, "Partial match"),
            (0, "Weak match"),
        ),
        "fr": (
            (85, "Excellente correspondance"),
            (70, "Bonne correspondance"),
            (50, "Correspondance partielle"),
            (0, "Correspondance faible"),
        ),
    }[lang]
    return next(text for floor, text in bands if total >= floor)


def _extremes(match: MatchScore) -> tuple[str, str]:
    ranked = sorted(match.scores.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0], ranked[-1][0]


def _skills(names: tuple[str, ...]) -> str:
    """Up to six skills, spelled as the job or the candidate wrote them."""
    return ", ".join(names[:6])


def summaries(match: MatchScore, lang: str = "en") -> tuple[str, str]:
    """(summary for the candidate, recruiter_summary)."""
    lang = lang if lang in LABELS else "en"
    labels = LABELS[lang]
    strongest, weakest = _extremes(match)
    band = _band(match.total, lang)
    matched, missing = _skills(match.matched_skills), _skills(match.missing_skills)
    if lang == "fr":
        candidate = f"{band} ({match.total:g}/100)."
        if matched:
            candidate += f" Vos compétences en {matched} correspondent au poste."
        if missing:
            candidate += f" À renforcer : {missing}."
        candidate += f" Point fort : {labels[strongest]} ; point faible : {labels[weakest]}."
        recruiter = f"{band} ({match.total:g}/100)."
        if matched:
            recruiter += f" Maîtrise {matched}."
        if missing:
            recruiter += f" Manque : {missing}."
        recruiter += f" Meilleur critère : {labels[strongest]} ; plus faible : {labels[weakest]}."
        return candidate, recruiter
    candidate = f"{band} ({match.total:g}/100)."
    if matched:
        candidate += f" Your {matched} skills fit this job."
    if missing:
        candidate += f" Worth strengthening: {missing}."
    candidate += f" Strongest: {labels[strongest]}; weakest: {labels[weakest]}."
    recruiter = f"{band} ({match.total:g}/100)."
    if matched:
        recruiter += f" Has {matched}."
    if missing:
        recruiter += f" Missing {missing}."
    recruiter += f" Strongest criterion: {labels[strongest]}; weakest: {labels[weakest]}."
    return candidate, recruiter
