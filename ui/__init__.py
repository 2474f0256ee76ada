"""Tresor's browser UI (Gradio). It talks to the gateway over HTTP only, like any API client."""
