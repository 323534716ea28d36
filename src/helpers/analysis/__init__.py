"""Analyse the articles: segmentation, themes, keyness, numerals, the ledger, formulas, entities, targets, narrative."""
