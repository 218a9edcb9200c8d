"""mtpipe: terminology-aware MT pipeline."""
