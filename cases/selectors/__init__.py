"""Reads that shape data for the public pages, one module per concern. Each page calls one
selector, which returns a typed dataclass (or a queryset of models):

- `catalogue`: a case, the crisis types, the tags, the home page.
- `facets`: the case list and its facet counts (the FilterSets are in `cases.filters`).
- `related`: related cases, ranked and explained.
- `compare`: cases side by side.
- `matrices`: cases × principles, crisis types × strategies, the study guide.
- `timing`, `speed`: response delays; the response-speed page.
- `playbook`: the playbook clock of a crisis type.
- `evidence`: the cases the doctrine pages show (registered with `strategies`).

Chart geometry (SVG coordinates) is presentation and lives in `cases.clock`.
"""
