"""Job tests: one per job, multiple-choice questions corrected at once, open-ended ones graded
by the recruiter. ``score`` is a percentage over the questions decided so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

import msgspec

from core.domain.schema import documented

QUESTION_TYPES = ("multiple_choice", "open_ended")
MAX_QUESTIONS = 100
TITLE_MAX_LENGTH = 200
QUESTION_MAX_LENGTH = 2000


@dataclass(slots=True, kw_only=True)
class Question:
    id: int | None = None
    text: str
    question_type: str
    choices: list[str] = field(default_factory=list)
    correct_answer: str | None = None


@dataclass(slots=True, kw_only=True)
class Answer:
    question_id: int
    answer: str
    #: None until decided: at once for multiple choice, by the recruiter for open-ended.
    correct: bool | None = None


class QuestionIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    text: Annotated[str, documented(maxLength=QUESTION_MAX_LENGTH)]
    question_type: Annotated[str, documented(enum=list(QUESTION_TYPES))]
    choices: list[str] = msgspec.field(default_factory=list)
    correct_answer: str | None = None


class JobTestDetails(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a recruiter gives to define a job's test."""

    title: Annotated[str, documented(minLength=1, maxLength=TITLE_MAX_LENGTH)]
    questions: Annotated[list[QuestionIn], documented(minItems=1, maxItems=MAX_QUESTIONS)]


def test_problems(title: str, questions: list[dict[str, Any]]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title.strip() or len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [f"Give a title of 1 to {TITLE_MAX_LENGTH} characters."]
    if not questions:
        errors["questions"] = ["A test needs at least one question."]
    if len(questions) > MAX_QUESTIONS:
        errors["questions"] = [f"At most {MAX_QUESTIONS} questions."]
    for index, q in enumerate(questions):
        where = f"questions[{index}]"
        text, kind = str(q.get("text") or "").strip(), q.get("question_type")
        if not text or len(text) > QUESTION_MAX_LENGTH:
            errors.setdefault(where, []).append(
                f"Each question needs a text (max {QUESTION_MAX_LENGTH})."
            )
        if kind not in QUESTION_TYPES:
            errors.setdefault(where, []).append(f"question_type must be one of {QUESTION_TYPES}.")
        if kind == "multiple_choice":
            choices = [str(c).strip() for c in q.get("choices") or []]
            if len(choices) < 2 or len(set(choices)) != len(choices) or not all(choices):
                errors.setdefault(where, []).append("Give at least two distinct choices.")
            # Compared trimmed, as the choices are (and as both are stored).
            answer = q.get("correct_answer")
            if not isinstance(answer, str) or answer.strip() not in choices:
                errors.setdefault(where, []).append("correct_answer must be one of the choices.")
        if kind == "open_ended" and (q.get("choices") or q.get("correct_answer")):
            errors.setdefault(where, []).append(
                "Open-ended questions have no choices or correct answer."
            )
    return errors


def correct(question: Question, answer: str) -> bool | None:
    """Multiple choice is decided now (case and surrounding spaces ignored); open-ended waits."""
    if question.question_type != "multiple_choice":
        return None
    return answer.strip().casefold() == (question.correct_answer or "").strip().casefold()


def score(answers: list[Answer], total_questions: int) -> tuple[float | None, int]:
    """(percentage over decided questions, correct answers). Unanswered questions count as
    wrong once everything else is decided."""
    decided = [a for a in answers if a.correct is not None]
    right = sum(1 for a in decided if a.correct)
    pending = len(answers) - len(decided)
    if pending == 0:
        return (round(100 * right / total_questions, 1) if total_questions else None), right
    if not decided:
        return None, right
    return round(100 * right / len(decided), 1), right
