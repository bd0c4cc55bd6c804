"""The screens of the interactive view."""


def all_binding_ids(app_bindings=()) -> list[str]:
    """Every binding id a user may remap in soptui.toml [keys]: the screens' and dialogs', and
    those of `app_bindings` (the app's own, passed in: screens never import the app)."""
    from .checklist import ChecklistScreen
    from .dialogs import DIALOGS
    from .help import HelpScreen
    from .history import HistoryScreen
    from .home import HomeScreen
    from .views import DocumentScreen
    ids = [b.id for b in app_bindings if getattr(b, "id", None)]
    for cls in (HomeScreen, ChecklistScreen, HistoryScreen, DocumentScreen, HelpScreen, *DIALOGS):
        ids += [b.id for b in cls.BINDINGS if getattr(b, "id", None)]
    return sorted(set(ids))
