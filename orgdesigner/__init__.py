"""orgdesigner: a desktop org-chart designer for data & AI organisations."""

__version__ = "0.1.0"
