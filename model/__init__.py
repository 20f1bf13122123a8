"""Model stage: backbone resolution, windowed span prediction, model card."""
