"""The screens of the interactive view."""

from textual.binding import Binding


def all_binding_ids(app_bindings=()) -> list[str]:
    """Every binding id a user may remap in soptui.toml [keys]: the screens' and dialogs', and
    those of `app_bindings` (the app's own, passed in: screens never import the app)."""
    from .checklist import ChecklistScreen
    from .dialogs import DIALOGS
    from .due import DueScreen
    from .export import ExportDialog, OverwriteDialog
    from .flowchart import FlowchartScreen
    from .help import HelpScreen
    from .history import HistoryScreen
    from .home import HomeScreen
    from .views import DocumentScreen, SummaryScreen
    ids = [b.id for b in app_bindings if isinstance(b, Binding) and b.id]
    for cls in (HomeScreen, DueScreen, ChecklistScreen, HistoryScreen, DocumentScreen, SummaryScreen,
                FlowchartScreen, HelpScreen, *DIALOGS, ExportDialog, OverwriteDialog):
        ids += [b.id for b in cls.BINDINGS if isinstance(b, Binding) and b.id]
    return sorted(set(ids))
