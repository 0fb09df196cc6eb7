"""The base style of a widget that draws itself line by line (the Line API)."""

from __future__ import annotations

from rich.style import Style


class KeepsBaseStyle:
    """Textual works out `rich_style` anew on every call (about 27 µs, walking the DOM),
    and a Line-API widget needs it for every line it draws: keep it until the widget's
    styles change (a theme, focus, a stylesheet)."""

    _base_style: Style | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._base_style = None

    @property
    def base_style(self) -> Style:
        if self._base_style is None:
            self._base_style = self.rich_style  # type: ignore[attr-defined]
        return self._base_style
