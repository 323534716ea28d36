"""Analysis helpers for the 济宁高新区 development-narrative report.

The notebooks under ``notebooks/`` are thin narratives over these modules:
``corpus`` (load and clean the articles), ``segment`` and ``themes``
(policy themes), ``indicators`` (the quantitative ledger), ``charts``
(figures with a CJK font) and ``build`` (papermill + HTML publishing).
"""

__version__ = "0.1.0"
