"""The claimdiff-nli-mpnet-base model files, installed as a package; claimdiff loads the folder this file is in."""
