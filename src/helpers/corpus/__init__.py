"""Read the corpus: decode, page rules, furniture, layout, dates, the manifest, the articles table."""
