"""Loading corpora: the Article record, which files a load reads (`sources`), how each
file is read (`file_formats`), and the corpus with its problems (`loaders`)."""

from .articles import Article
from .loaders import Corpus, LoadProblem, load_corpus, seed_corpus_path

__all__ = ["Article", "Corpus", "LoadProblem", "load_corpus", "seed_corpus_path"]
