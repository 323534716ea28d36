"""Analysis helpers for the 济宁高新区 development-narrative report.

The notebooks under ``notebooks/`` are thin narratives over these modules.

Corpus: ``textio`` (decode, normalise), ``furniture`` (page furniture),
``layout`` (split pages into articles), ``dates`` (date with evidence),
``corpus`` (manifest and the articles table).
Analysis: ``segment`` (jieba with the domain dictionary), ``themes``,
``keyness``; ``numerals``, ``indicators`` (the ledger), ``ledger``
(series, headlines, conflicts); ``formulas``, ``entities``, ``targets``,
``narrative``.
Publishing: ``charts`` (figures with a CJK font), ``tables`` (escaped HTML
tables), ``render`` (offline HTML), ``index``, ``record`` (run record),
``registry`` (which reports), ``parameters`` (checked before kernels start),
``cache`` (incremental builds), ``run`` (one report), ``build`` (all of them).
Support: ``paths``, ``errors``, ``yamlfile``, ``lockfile``.
"""

__version__ = "0.1.0"
