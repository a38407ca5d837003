"""The claimdiff-nli-minilm-news model files, installed as a package; claimdiff loads the folder this file is in."""
