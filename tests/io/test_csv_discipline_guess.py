"""The discipline guess: which keyword matched where, and the order of the rules."""

from __future__ import annotations

import pytest

from orgdesigner.io.discipline_guess import FALLBACK_DISCIPLINE, guess_discipline
from orgdesigner.model import Discipline as D


@pytest.mark.parametrize(
    ("title", "department", "discipline", "keyword"),
    [
        ("Senior Data Engineer II", "", D.DATA_ENGINEERING, "data engineer"),
        ("Staff Data Scientist", "", D.DATA_SCIENCE, "data scientist"),
        ("Machine Learning Engineer", "", D.ML_ENGINEERING, "machine learning engineer"),
        ("AI/ML Engineer", "", D.ML_ENGINEERING, "ml engineer"),
        ("ML-Ops Engineer", "", D.MLOPS, "ml ops"),
        ("MLOps Lead", "", D.MLOPS, "mlops"),
        ("Site Reliability Engineer, ML Platform", "", D.MLOPS, "ml platform"),
        ("SRE", "", D.DEVOPS_SRE, "sre"),
        ("DevOps Engineer", "", D.DEVOPS_SRE, "devops"),
        ("Backend Software Engineer", "", D.SOFTWARE_ENGINEERING, "software engineer"),
        ("Android Developer", "", D.SOFTWARE_ENGINEERING, "android"),
        ("BI Analyst", "", D.ANALYTICS, "bi analyst"),
        ("Product Analyst", "", D.ANALYTICS, "analyst"),
        ("Senior Product Manager", "", D.PRODUCT_MANAGEMENT, "product manager"),
        ("Data Product Manager", "", D.PRODUCT_MANAGEMENT, "product manager"),
        ("LLM Engineer", "", D.AI_ENGINEERING, "llm"),
        ("AI Engineer", "", D.AI_ENGINEERING, "ai engineer"),
        ("Manager", "Data Science", D.DATA_SCIENCE, "data science"),
        ("Engineer", "Data Platform", D.DATA_ENGINEERING, "data platform"),
        ("Team Lead", "Platform", D.DEVOPS_SRE, "platform"),
    ],
)
def test_guesses(title: str, department: str, discipline: D, keyword: str) -> None:
    guess = guess_discipline(title, department)
    assert (guess.discipline, guess.keyword) == (discipline, keyword)
    assert guess.source == ("title" if title and keyword in title.lower().replace("-", " ") else "department")
    assert guess.matched and keyword in guess.reason()


def test_the_title_beats_the_department_and_specific_beats_generic() -> None:
    assert guess_discipline("Data Scientist", "Data Engineering").discipline is D.DATA_SCIENCE
    guess = guess_discipline("Engineer", "Machine Learning Platform")
    assert (guess.discipline, guess.source) == (D.MLOPS, "department")


def test_words_match_whole() -> None:
    assert not guess_discipline("Chairman", "Retail").matched  # no "ai" in "chairman"
    assert not guess_discipline("Business Development", "Sales").matched
    assert guess_discipline("Head of AI", "").discipline is D.AI_ENGINEERING


def test_nothing_matched_is_the_fallback_and_says_so() -> None:
    guess = guess_discipline("Chief Executive Officer", "Corporate")
    assert guess.discipline is FALLBACK_DISCIPLINE
    assert guess.keyword is None and guess.source is None and not guess.matched
    assert "no keyword matched" in guess.reason()
