"""Business actions on supervision files: retention and legal holds, third-party access,
redaction requests, transfer to a new supervisor, and the file's learning and appraisals."""
