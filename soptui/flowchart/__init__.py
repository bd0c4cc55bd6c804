"""The SOP AP flowchart: a pure layout (layout.py), a run drawn on it (overlay.py), and its
renderings as text with style spans (text.py, shared by the TUI and `soptui show --flowchart`)
and as inline SVG (svg.py, for the HTML exports). Never imports Textual."""
