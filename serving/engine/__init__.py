"""The model engine: preparing the default model and launching vLLM (CPU or CUDA build)."""
