"""`|` pipes the article to a command, in a real pseudo-terminal: the reader steps aside,
the command reads the text on its standard input, and the reader comes back."""

from __future__ import annotations

from pty_session import PtySession

from tui.corpus.loaders import load_corpus


def test_the_article_is_the_standard_input_of_the_command(tmp_path, seed_articles):
    target = tmp_path / "piped.txt"
    session = PtySession([], env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    session.wait_for(b"events")
    session.type("|")
    session.wait_for(b"Pipe the article")
    session.type(f"cat > '{target}'; echo piped", "\r")
    session.wait_for(b"Press Enter to go back", seconds=10)
    session.type("\r", pause=0.5)
    session.type("q")
    assert session.finish() == 0
    first_article = min(load_corpus(None).articles, key=lambda a: a.id)  # the timeline opens on its photo caption
    assert target.read_text(encoding="utf-8") == seed_articles[first_article.id].text
    assert b"piped" in bytes(session.output)
