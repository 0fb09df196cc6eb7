"""Loading corpora: the Article record, loaders for seed/JSONL/folders, terminal-safe text."""

from .articles import Article
from .loaders import Corpus, LoadProblem, load_corpus, seed_corpus_path

__all__ = ["Article", "Corpus", "LoadProblem", "load_corpus", "seed_corpus_path"]
