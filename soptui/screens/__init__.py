"""The screens of the interactive view."""

from textual.binding import Binding

# Every module that defines a screen or a dialog (their bindings are what [keys] may remap).
SCREEN_MODULES = ("checklist", "confirm", "correct", "dialogs", "due", "export", "flowchart", "help", "history",
                  "home", "monitoring", "views")


def all_binding_ids(app_bindings=()) -> list[str]:
    """Every binding id a user may remap in soptui.toml [keys]: those of every screen and dialog
    (every subclass of Localized, found once their modules are loaded), and those of
    `app_bindings` (the app's own, passed in: screens never import the app)."""
    from importlib import import_module

    from .base import Localized
    for name in SCREEN_MODULES:
        import_module(f"{__name__}.{name}")
    ids = [b.id for b in app_bindings if isinstance(b, Binding) and b.id]
    classes, seen = [Localized], set()
    while classes:
        cls = classes.pop()
        if cls not in seen:
            seen.add(cls)
            ids += [b.id for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding) and b.id]
            classes += cls.__subclasses__()
    return sorted(set(ids))
