"""Statistics across runs, the monitoring and evaluation forms, and the event log.

- `runfigs`: one run's step figures, computed when its record changes and kept by the store;
- `partial`: what one SOP's statistics need from some runs, merging exactly (pure);
- `buckets`: partials kept per (SOP, month), and when they are out of date (pure);
- `period`: a period's statistics from figures or partials, the period presets (pure);
- `forms`: the monitoring form (Tabel 7) and the evaluation form, suggested from the statistics;
- `eventlog`: one case per run, one event per step attempt, as IEEE XES or CSV;
- `source`: reads the kept figures and months (rebuilding what is missing or stale) through the service;
- `render`, `formsout`: text, JSON, CSV, XLSX, HTML and Markdown of the statistics and the forms.

Pure modules take plain data and return plain data; only `source` touches the store.
"""
