"""The styles of a widget that draws itself line by line (the Line API)."""

from __future__ import annotations

from rich.style import Style


class KeepsStyles:
    """Textual works out `rich_style` anew on every call (walking the DOM), and forgets
    its component styles on every `refresh()`; a Line-API widget needs them for every
    line it draws, and refreshes a row at each step: keep them until the widget's styles
    change (a theme, focus, a stylesheet)."""

    _base_style: Style | None = None
    _kept_components: dict[tuple[str, bool], Style] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._base_style = None
        self._kept_components = None

    @property
    def base_style(self) -> Style:
        if self._base_style is None:
            self._base_style = self.rich_style  # type: ignore[attr-defined]
        return self._base_style

    def component_style(self, name: str, partial: bool = False) -> Style:
        """get_component_rich_style(name, partial=partial), kept."""
        if self._kept_components is None:
            self._kept_components = {}
        style = self._kept_components.get((name, partial))
        if style is None:
            style = self.get_component_rich_style(name, partial=partial)  # type: ignore[attr-defined]
            self._kept_components[name, partial] = style
        return style
