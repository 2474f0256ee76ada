"""Tresor retrieval: ingestion, chunking, embeddings, Qdrant store, access-controlled search."""
