"""The reader on a corpus of three stories, two of them versions of one (an update and
its first take), written here: the timeline folds the update into its first take."""

import atexit
import json
import shutil
import tempfile
from pathlib import Path

from tui.app.reader import DatelineApp
from tui.index.opening import open_catalog

STORY = ("Acme Corp said on Monday it would cut {jobs} jobs at its Ohio plant as demand for its "
         "machine tools fell sharply this year, the company's chief executive told reporters in Dayton. "
         "The plant, opened in 1962, employs about 2,000 people on 12 lines making lathes and milling machines.")
ARTICLES = [
    {"id": "acme", "date": "1987-03-02", "title": "ACME TO CUT JOBS IN OHIO", "text": STORY.format(jobs=400)},
    {"id": "acme-update", "date": "1987-03-02", "title": "ACME TO CUT JOBS IN OHIO (UPDATE 1)",
     "text": STORY.format(jobs=400)},
    {"id": "widgets", "date": "1987-03-03", "title": "GLOBAL WIDGETS TO CUT 500 JOBS",
     "text": "Global Widgets Inc said it would cut 500 jobs in Texas after a slump in orders for its pumps "
             "and valves from oil companies, a spokeswoman said on Tuesday in Houston."},
]
folder = Path(tempfile.mkdtemp(prefix="dateline-snapshot-"))
atexit.register(shutil.rmtree, folder, True)
corpus = folder / "wire.jsonl"
corpus.write_text("".join(json.dumps(article) + "\n" for article in ARTICLES), encoding="utf-8")
app = DatelineApp(catalog=open_catalog([str(corpus)], use_cache=False))

if __name__ == "__main__":
    app.run()
