"""The discipline guess: which keyword matched where, how sure it is, and the order of the rules."""

from __future__ import annotations

import pytest

from orgdesigner.io.discipline_guess import FALLBACK_DISCIPLINE, Strength, guess_discipline
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
        ("Power BI Developer", "", D.ANALYTICS, "bi developer"),
        ("Senior Product Manager", "", D.PRODUCT_MANAGEMENT, "product manager"),
        ("Data Product Manager", "", D.PRODUCT_MANAGEMENT, "product manager"),
        ("LLM Engineer", "", D.AI_ENGINEERING, "llm"),
        ("AI Engineer", "", D.AI_ENGINEERING, "ai engineer"),
        ("Database Administrator", "ICT", D.DATA_ENGINEERING, "database administrator"),
        # Business words beat generic technical ones.
        ("Financial Analyst", "Data & Analytics", D.BUSINESS, "financial"),
        ("Legal Analyst", "", D.BUSINESS, "legal"),
        ("Marketing Analyst", "", D.BUSINESS, "marketing"),
        ("Senior Engineer Substations", "Substations Section", D.BUSINESS, "substations"),
        ("Civil Engineer", "", D.BUSINESS, "civil"),
        ("Sales Engineer", "", D.BUSINESS, "sales"),
        ("Stock Clerk", "Shipping", D.BUSINESS, "clerk"),
        ("Accountant", "", D.BUSINESS, "accountant"),
        ("Chief Executive Officer", "Corporate", D.BUSINESS, "chief executive"),
        ("Administration Vice President", "Executive", D.BUSINESS, "administration"),
        ("Chief People Officer", "", D.BUSINESS, "chief people officer"),
        ("Head of People", "", D.BUSINESS, "head of people"),
        ("Customer Success Manager", "", D.BUSINESS, "customer success"),
        ("Graphic Designer", "Marketing", D.BUSINESS, "designer"),
    ],
)
def test_strong_guesses(title: str, department: str, discipline: D, keyword: str) -> None:
    guess = guess_discipline(title, department)
    assert (guess.discipline, guess.keyword, guess.strength) == (discipline, keyword, Strength.STRONG)
    assert guess.source == "title"
    assert guess.matched and keyword in guess.reason()


@pytest.mark.parametrize(
    ("title", "department", "discipline", "keyword", "source"),
    [
        ("Product Analyst", "", D.ANALYTICS, "analyst", "title"),
        ("Engineer", "", D.SOFTWARE_ENGINEERING, "engineer", "title"),
        ("Senior Developer", "Corporate", D.SOFTWARE_ENGINEERING, "developer", "title"),
        ("Manager", "Data Science", D.DATA_SCIENCE, "data science", "department"),
        ("Engineer", "Data Platform", D.DATA_ENGINEERING, "data platform", "department"),
        ("Team Lead", "Platform", D.DEVOPS_SRE, "platform", "department"),
        ("Engineer", "Finance", D.BUSINESS, "engineer", "title"),
        ("Hardware Engineer", "Information Communication Technology Department", D.DEVOPS_SRE, "engineer", "title"),
        ("IT Support Engineer", "", D.DEVOPS_SRE, "it support", "title"),
        ("CTO", "Corporate", D.SOFTWARE_ENGINEERING, "cto", "title"),
        ("Quality Assurance Engineer", "Standards and Quality Assurance", D.BUSINESS, "quality assurance", "title"),
        ("Quality Assurance Engineer", "Engineering", D.SOFTWARE_ENGINEERING, "quality assurance", "title"),
        # Product design is product management, though "designer" alone is a business word.
        ("UX Designer", "", D.PRODUCT_MANAGEMENT, "ux", "title"),
        ("Senior Product Designer", "Product", D.PRODUCT_MANAGEMENT, "product designer", "title"),
        ("UI Designer", "Marketing", D.PRODUCT_MANAGEMENT, "ui designer", "title"),
        ("User Researcher", "", D.PRODUCT_MANAGEMENT, "user researcher", "title"),
        # A security or QA analyst is not a data analyst.
        ("Security Analyst", "IT", D.DEVOPS_SRE, "security analyst", "title"),
        ("QA Analyst", "Engineering", D.SOFTWARE_ENGINEERING, "qa analyst", "title"),
        ("QA Analyst", "Standards and Quality Assurance", D.BUSINESS, "qa analyst", "title"),
        # A word with a discipline of its own is not overruled by a broad department...
        ("Head of Platform", "Research & Development / Platform", D.DEVOPS_SRE, "platform", "title"),
        ("Cloud Specialist", "Technology", D.DEVOPS_SRE, "cloud", "title"),
        # ... and an engineer in a platform or data department works on its platform or data.
        ("Engineer", "Research & Development / Platform", D.DEVOPS_SRE, "engineer", "title"),
        ("Engineer", "Platform", D.DEVOPS_SRE, "engineer", "title"),
        ("Engineer", "Data & AI", D.DATA_ENGINEERING, "engineer", "title"),
        ("Support Engineer", "Customer Success", D.BUSINESS, "engineer", "title"),
    ],
)
def test_weak_guesses(title: str, department: str, discipline: D, keyword: str, source: str) -> None:
    guess = guess_discipline(title, department)
    assert (guess.discipline, guess.keyword, guess.source) == (discipline, keyword, source)
    assert guess.strength is Strength.WEAK and "(weak)" in guess.reason()


def test_a_data_leader_in_a_data_and_ai_department_is_not_an_ai_engineer() -> None:
    for title in ("Chief Data Officer", "Head of Data", "VP of Data", "CDO"):
        guess = guess_discipline(title, "Data & AI")
        assert guess.discipline is D.DATA_ENGINEERING and guess.strength is Strength.WEAK
        assert "data leader" in guess.reason()
    assert guess_discipline("Manager", "Data & AI").discipline is D.DATA_ENGINEERING


def test_cpo_is_decided_by_the_department_or_not_at_all() -> None:
    assert guess_discipline("CPO", "People & Culture").discipline is D.BUSINESS
    assert guess_discipline("CPO", "Product").discipline is D.PRODUCT_MANAGEMENT
    unsure = guess_discipline("CPO", "Executive")
    assert unsure.strength is Strength.NONE and "ambiguous" in unsure.note
    assert guess_discipline("Chief Product Officer", "").discipline is D.PRODUCT_MANAGEMENT


def test_a_business_department_decides_a_title_without_keywords() -> None:
    guess = guess_discipline("Specialist", "Payables and Treasury Section")
    assert (guess.discipline, guess.source, guess.strength) == (D.BUSINESS, "department", Strength.STRONG)


def test_the_title_beats_the_department_and_specific_beats_generic() -> None:
    assert guess_discipline("Data Scientist", "Data Engineering").discipline is D.DATA_SCIENCE
    guess = guess_discipline("Engineer", "Machine Learning Platform")
    assert (guess.discipline, guess.source) == (D.MLOPS, "department")


def test_words_match_whole() -> None:
    assert guess_discipline("Chairman", "").discipline is D.BUSINESS  # "chairman", not "ai"
    assert guess_discipline("Head of AI", "").discipline is D.AI_ENGINEERING
    assert not guess_discipline("Mainframe Liaison", "").matched  # no "ai" in "mainframe" or "liaison"


def test_nothing_matched_is_the_fallback_and_says_so() -> None:
    guess = guess_discipline("Linear Manager", "Corporate")
    assert guess.discipline is FALLBACK_DISCIPLINE is D.BUSINESS
    assert guess.keyword is None and guess.source is None and not guess.matched
    assert guess.strength is Strength.NONE
    assert "no keyword matched" in guess.reason()
