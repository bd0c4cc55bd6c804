"""soptui: SOP AP guided checklists, run records and Mutu Baku timing compliance."""

__version__ = "0.1.0"
