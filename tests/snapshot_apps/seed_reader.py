"""The reader on the seed corpus, already loaded (so pictures never show a half-loaded app)."""

from tui.app.reader import DatelineApp
from tui.index.catalog import Catalog

app = DatelineApp(catalog=Catalog.load(None))

if __name__ == "__main__":
    app.run()
