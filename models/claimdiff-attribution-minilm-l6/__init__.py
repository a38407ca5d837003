"""The claimdiff-attribution-minilm-l6 model files, installed as a package; claimdiff loads the folder this file is in."""
