"""The supervision file's pages, split by subject: the file itself (file.py), learning,
appraisals and complaints (learning.py), transfer (transfer.py), third-party access (access.py),
redaction requests (redaction.py) and HR's leavers and retention (retention.py)."""
