"""The reader on the seed corpus, already loaded (so pictures never show a half-loaded app)."""

from tui.app.reader import DatelineApp
from tui.index.opening import open_catalog

app = DatelineApp(catalog=open_catalog(None))

if __name__ == "__main__":
    app.run()
