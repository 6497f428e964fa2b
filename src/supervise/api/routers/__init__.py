"""The API's operations, one router per subject."""
