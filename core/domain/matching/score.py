"""ScoreMatch: one candidate against one job → eight sub-scores (0-100) and the guide's
weighted sum. Every sub-score is total: missing data gives the neutral 50, never a crash and
never a silent 100."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from core.domain.matching.geo import Located, Point, nearest_chord2, proximity_score
from core.domain.matching.vocabulary import keywords, requirement_skills, skill_labels, skill_set

#: What the features need of a gazetteer (``Gazetteer.locate``); None: names only.
Locate = Callable[[str], Located] | None

WEIGHTS: dict[str, float] = {
    "skills": 0.35,
    "experience": 0.20,
    "technologies": 0.10,
    "description": 0.10,
    "location": 0.10,
    "salary": 0.08,
    "domain": 0.05,
    "contract_type": 0.02,
}
NEUTRAL = 50.0
#: Same region (e.g. Île-de-France, Auvergne-Rhône-Alpes) but farther than the distance bands.
SAME_REGION = 70.0
#: Years of experience each level implies.
LEVEL_YEARS = {"intern": 0.0, "junior": 1.0, "mid": 3.0, "senior": 5.0, "lead": 8.0}
EXPERIENCE_SIGMA = 2.0


@dataclass(frozen=True, slots=True, kw_only=True)
class CandidateFeatures:
    candidate_id: int
    skills: frozenset[str] = frozenset()
    years: float | None = None
    project_terms: frozenset[str] = frozenset()
    profile_terms: frozenset[str] = frozenset()
    city: str = ""
    country: str = ""
    preferred_locations: frozenset[str] = frozenset()
    #: Where the candidate lives and would work, as gazetteer points (for distances).
    points: tuple[Point, ...] = ()
    #: Regions (first-level divisions) of those places, as gazetteer keys.
    regions: frozenset[str] = frozenset()
    remote_preference: str = "any"
    salary_min: int | None = None
    salary_max: int | None = None
    industries: frozenset[str] = frozenset()
    contract_types: frozenset[str] = frozenset()
    #: Skill → as the candidate wrote it, for explanations (scores compare ``skills``).
    skill_labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class JobFeatures:
    job_id: int
    required_skills: frozenset[str] = frozenset()
    level: str = "mid"
    description_terms: frozenset[str] = frozenset()
    city: str = ""
    country: str = ""
    point: Point | None = None
    region: str = ""
    remote: bool = False
    salary_min: int | None = None
    salary_max: int | None = None
    domains: frozenset[str] = frozenset()
    contract_type: str = ""
    #: Required skill → as the job wrote it, for explanations.
    skill_labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchScore:
    scores: dict[str, float]
    total: float
    #: Skills shown as written: the candidate's spelling of what they have, the job's of
    #: what they lack ("PostgreSQL", "SQL"), in the order of the normalised names.
    matched_skills: tuple[str, ...] = field(default=())
    missing_skills: tuple[str, ...] = field(default=())


def skill_overlap(c: CandidateFeatures, j: JobFeatures) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(matched, missing) required skills, as the candidate and the job wrote them."""
    matched = sorted(j.required_skills & c.skills)
    missing = sorted(j.required_skills - c.skills)
    return (
        tuple(c.skill_labels.get(k) or j.skill_labels.get(k) or k for k in matched),
        tuple(j.skill_labels.get(k) or k for k in missing),
    )


def _ratio(part: int, whole: int) -> float:
    return 100.0 * part / whole


def skills_score(c: CandidateFeatures, j: JobFeatures) -> float:
    if not j.required_skills:
        return NEUTRAL
    return _ratio(len(j.required_skills & c.skills), len(j.required_skills))


def experience_score(c: CandidateFeatures, j: JobFeatures) -> float:
    if c.years is None:
        return NEUTRAL
    wanted = LEVEL_YEARS.get(j.level, 3.0)
    gap = wanted - c.years
    if gap <= 0:
        return 100.0
    # A smooth (Cauchy-shaped) fall-off: one year short of "senior" still scores 80.
    # Plain arithmetic, so the vectorised scorer reproduces it bit for bit.
    ratio = gap / EXPERIENCE_SIGMA
    return 100.0 / (1.0 + ratio * ratio)


def technologies_score(c: CandidateFeatures, j: JobFeatures) -> float:
    wanted = j.required_skills | (j.description_terms & _TECH_HINTS)
    if not wanted or not c.project_terms:
        return NEUTRAL
    return _ratio(len(wanted & c.project_terms), len(wanted))


def description_score(c: CandidateFeatures, j: JobFeatures) -> float:
    if not j.description_terms or not c.profile_terms:
        return NEUTRAL
    wanted = j.description_terms
    return min(100.0, _ratio(len(wanted & c.profile_terms), min(len(wanted), 25)))


def location_score(c: CandidateFeatures, j: JobFeatures) -> float:
    if j.remote:
        return {"remote": 100.0, "any": 100.0, "hybrid": 80.0}.get(c.remote_preference, 40.0)
    if not j.city and not j.country:
        return NEUTRAL
    places = {c.city, *c.preferred_locations} - {""}
    if not places and not c.country:
        return NEUTRAL
    if j.city and j.city in places:
        return 100.0
    if c.remote_preference == "remote":
        return 20.0
    # A nearby town under another name is nearly as good as the same city; distance only
    # ever raises the country rule's score.
    near = proximity_score(nearest_chord2(c.points, j.point))
    if j.region and j.region in c.regions:
        return max(SAME_REGION, near)
    if j.country and (j.country == c.country or j.country in places):
        return max(60.0, near)
    return max(10.0, near)


def salary_score(c: CandidateFeatures, j: JobFeatures) -> float:
    want = c.salary_min if c.salary_min is not None else c.salary_max
    offer_high = j.salary_max if j.salary_max is not None else j.salary_min
    if want is None or offer_high is None:
        return NEUTRAL
    if offer_high >= want:
        return 100.0
    shortfall = (want - offer_high) / want
    return max(0.0, 100.0 * (1 - 2 * shortfall))


def domain_score(c: CandidateFeatures, j: JobFeatures) -> float:
    if not j.domains or not c.industries:
        return NEUTRAL
    return 100.0 if j.domains & c.industries else 0.0


def contract_score(c: CandidateFeatures, j: JobFeatures) -> float:
    if not j.contract_type or not c.contract_types:
        return NEUTRAL
    return 100.0 if j.contract_type in c.contract_types else 0.0


SUB_SCORES = {
    "skills": skills_score,
    "experience": experience_score,
    "technologies": technologies_score,
    "description": description_score,
    "location": location_score,
    "salary": salary_score,
    "domain": domain_score,
    "contract_type": contract_score,
}

#: Technical words recognised inside a longer phrase (normalised skill names). Built as skills,
#: not as ``keywords``: keywords drop words of two characters, and with them "Go" and "C#".
_TECH_HINTS = skill_set(
    [
        "python",
        "django",
        "flask",
        "fastapi",
        "postgresql",
        "mysql",
        "redis",
        "kubernetes",
        "docker",
        "aws",
        "gcp",
        "azure",
        "react",
        "vue",
        "angular",
        "typescript",
        "javascript",
        "java",
        "spring",
        "kotlin",
        "swift",
        "go",
        "rust",
        "kafka",
        "spark",
        "airflow",
        "tensorflow",
        "pytorch",
        "graphql",
        "terraform",
        "linux",
        "node.js",
        "c#",
        "c++",
        "php",
        "ruby",
        "rails",
    ]
)


def round1(value: float) -> float:
    """Half-up to one decimal with plain float operations (numpy gives the same bits)."""
    return math.floor(value * 10.0 + 0.5) / 10.0


def score_match(c: CandidateFeatures, j: JobFeatures) -> MatchScore:
    scores = {name: round1(fn(c, j)) for name, fn in SUB_SCORES.items()}
    total = 0.0
    for name in WEIGHTS:
        total += WEIGHTS[name] * scores[name]
    total = round1(total)
    matched, missing = skill_overlap(c, j)
    return MatchScore(scores=scores, total=total, matched_skills=matched, missing_skills=missing)


def candidate_features(
    *,
    candidate_id: int,
    skills: list[str],
    years: float | None,
    projects: list[dict[str, object]],
    texts: list[str],
    location: str,
    preferred_locations: list[str],
    remote_preference: str,
    salary_min: int | None,
    salary_max: int | None,
    industries: list[str],
    companies: list[str],
    contract_types: list[str],
    locate: Locate = None,
) -> CandidateFeatures:
    city, country = split_place(location)
    points: list[Point] = []
    regions: set[str] = set()
    if locate is not None and location.strip():
        home = locate(location)
        country = _fold(home.country) or country
        if home.point is not None:
            points.append(home.point)
        if home.region:
            regions.add(home.region)
    preferred: set[str] = set()
    for loc in preferred_locations:
        preferred.update(p for p in split_place(loc) if p)
        if locate is not None and loc.strip():
            found = locate(loc)
            if found.region:
                regions.add(found.region)
            if found.point is not None:
                points.append(found.point)
            elif found.country:
                preferred.add(_fold(found.country))  # "Sénégal" → the canonical country
    project_terms: set[str] = set()
    for project in projects:
        technologies = project.get("technologies")
        if isinstance(technologies, list):
            project_terms |= skill_set(str(t) for t in technologies)
        project_terms |= keywords(str(project.get("description") or ""))
    return CandidateFeatures(
        candidate_id=candidate_id,
        skills=skill_set(skills),
        years=years,
        project_terms=frozenset(project_terms),
        profile_terms=keywords(" ".join(texts)) | skill_set(skills),
        city=city,
        country=country,
        preferred_locations=frozenset(preferred),
        points=tuple(dict.fromkeys(points)),
        regions=frozenset(regions),
        remote_preference=remote_preference or "any",
        salary_min=salary_min,
        salary_max=salary_max,
        industries=skill_set([*industries, *companies]),
        contract_types=frozenset(contract_types),
        skill_labels=skill_labels(skills),
    )


def job_features(
    *,
    job_id: int,
    requirements: list[str],
    title: str,
    description: str,
    level: str,
    location: str,
    salary_min: int | None,
    salary_max: int | None,
    domains: list[str],
    contract_type: str,
    locate: Locate = None,
) -> JobFeatures:
    labels = skill_labels(
        skill for item in requirements for skill in requirement_skills(item, _TECH_HINTS)
    )
    required = frozenset(labels)
    city, country = split_place(location)
    remote = "remote" in location.casefold() or "télétravail" in location.casefold()
    point: Point | None = None
    region = ""
    if locate is not None and not remote and location.strip():
        found = locate(location)
        country = _fold(found.country) or country
        point = found.point
        region = found.region
    return JobFeatures(
        job_id=job_id,
        required_skills=required,
        level=level,
        description_terms=keywords(f"{title} {description}"),
        city="" if remote else city,
        country="" if remote else country,
        point=point,
        region=region,
        remote=remote,
        salary_min=salary_min,
        salary_max=salary_max,
        domains=skill_set(domains),
        contract_type=contract_type,
        skill_labels=labels,
    )


def split_place(place: str) -> tuple[str, str]:
    """ "Paris, France" → ("paris", "france"); "Lyon" → ("lyon", "")."""
    parts = [p.strip() for p in place.split(",") if p.strip()]
    if not parts:
        return "", ""
    fold = skill_set  # same folding as skills: case, accents, punctuation
    city = next(iter(fold([parts[0]])), "")
    country = next(iter(fold([parts[-1]])), "") if len(parts) > 1 else ""
    return city, country


def _fold(name: str) -> str:
    return next(iter(skill_set([name])), "")  # skill_set drops a name that folds to nothing
