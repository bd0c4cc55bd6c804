"""Message catalogs, one module per area; each calls soptui.i18n.register at import."""
