"""Analysis helpers for the 济宁高新区 development-narrative report.

The notebooks under ``notebooks/`` are thin narratives over this package.
Its folders are its layers; each uses only those listed before it:

- ``paths``, ``errors``, ``yamlfile``, ``text``: path constants, every
  user-facing error and warning, lexicon reading, shared text utilities.
- ``corpus/``: decode raw files (``textio``), page rules (``pagerules``),
  furniture, layout, dates, the manifest, the articles table (``reader``)
  and which articles a report covers (``select``).
- ``analysis/``: segmentation, themes, keyness, numerals, the indicator
  ledger (``indicators``, ``ledger``), formulas, entities, targets, narrative.
- ``report/``: charts, HTML tables, page rendering, the index, CSV files.
- ``build/``: the command line's engine: registry, parameters, cache, run,
  run record, lock file, and ``pipeline`` (build every report).
"""

__version__ = "0.1.0"
