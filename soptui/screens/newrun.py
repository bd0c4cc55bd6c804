"""Home's new run: the dialog that asks the title, operator and start moment, and opens the run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import t
from ..sopfile import load_file
from ..timeinput import format_time, parse_time
from .dialogs import NewRunDialog

if TYPE_CHECKING:
    from .home import HomeScreen


def ask_new_run(home: HomeScreen, sop_key: str) -> None:
    # The library as home lists it; `soptui run SOP` asks before home has (its check read it).
    loaded = (home.library or home.app.library).find(sop_key)
    if loaded is None:
        home.notify(t("home.no_sop", key=sop_key), severity="error", markup=False)
        return
    app, svc = home.app, home.app.service
    now = app.now()
    created: list[str] = []

    def submit(values: dict) -> str | None:
        at = parse_time(values["at"], now=app.now(), tz=svc.tz)  # empty: refused (checklist._at)
        if not values["title"].strip():
            return t("dialog.title_required")
        if not values["operator"].strip():  # "Dibuat oleh" of the printed summary: asked, never blank
            return t("dialog.operator_required")
        app.calendar  # noqa: B018 - so the new index row carries lateness
        # A run freezes the SOP it starts from: the file as it is now (edited since home listed
        # it, or no longer valid: then refused as `soptui start` refuses it), not the listed copy.
        fresh = load_file(app.config.sops_dir / f"{loaded.sop.id}.toml")
        created.append(svc.start(fresh, title=values["title"], operator=values["operator"], at=at))
        return None

    def done(ok: bool | None) -> None:
        if ok and created:
            home.open_run(created[-1])

    values = {"title": f"{loaded.sop.identity.nama} {now.year}", "operator": app.config.operator,
              "at": format_time(now, svc.tz)}
    app.push_screen(NewRunDialog(loaded.sop.identity.nama, submit, values), done)
