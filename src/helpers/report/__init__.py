"""Show the results: charts, HTML tables, page rendering, the index, CSV files."""
