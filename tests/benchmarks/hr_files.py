"""Synthetic HR exports for the import benchmarks: realistic columns, titles and departments,
a reporting tree of any size, and the adversarial files of issue 12."""

from __future__ import annotations

import csv
import random
from pathlib import Path

TITLES = (
    "Software Engineer", "Senior Software Engineer", "Data Engineer", "Data Scientist", "ML Engineer",
    "MLOps Engineer", "Site Reliability Engineer", "Product Manager", "Data Analyst", "Engineer",
    "Sales Representative", "Account Executive", "Accountant", "Financial Analyst", "Recruiter",
    "Customer Support Agent", "Warehouse Clerk", "Legal Counsel", "Marketing Manager", "Office Manager",
    "Team Lead", "Director", "Head of Data", "CTO", "Specialist",
)  # fmt: skip
DEPARTMENTS = (
    "Platform", "Data & AI", "Product", "Sales", "Finance", "People", "Operations", "Legal", "Marketing", "Support",
)  # fmt: skip


def write_hr_export(path: Path, rows: int, seed: int = 1, span: int = 8) -> Path:
    """A CSV as an HR system exports it: one row per person, managers by id, a title and a
    department (about one department per 150 people, nested under their heads)."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["Employee ID", "First Name", "Last Name", "Job Title", "Department", "Manager ID", "Work Email"]
        )
        for i in range(rows):
            manager = "" if i == 0 else f"E{(i - 1) // span}"
            dept = f"{DEPARTMENTS[(i // 150) % len(DEPARTMENTS)]} {i // 1500}" if i else "Executive"
            title = "CEO" if i == 0 else rng.choice(TITLES)
            writer.writerow([f"E{i}", f"First{i}", f"Last{i % 997}", title, dept, manager, f"p{i}@example.com"])
    return path


def write_repeated_names(path: Path, people: int) -> Path:
    """``people`` people all called Sam, under one boss: ids are made from names."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("name,manager\nBoss,\n")
        handle.write("Sam,Boss\n" * people)
    return path


def write_repeated_headers(path: Path, headers: int) -> Path:
    """A header row of ``headers`` copies of one column name (3 bytes each) and a few rows."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("name,manager," + ",".join(["x"] * headers) + "\n")
        handle.write("Ada,\nBo,Ada\n")
    return path
