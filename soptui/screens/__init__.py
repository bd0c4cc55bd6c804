"""The screens of the interactive view."""


def all_binding_ids() -> list[str]:
    """Every binding id a user may remap in soptui.toml [keys]."""
    from ..app import SoptuiApp
    from .checklist import ChecklistScreen
    from .dialogs import DIALOGS
    from .help import HelpScreen
    from .home import HomeScreen
    from .views import DocumentScreen
    ids = []
    for cls in (SoptuiApp, HomeScreen, ChecklistScreen, DocumentScreen, HelpScreen, *DIALOGS):
        ids += [b.id for b in cls.BINDINGS if getattr(b, "id", None)]
    return sorted(set(ids))
