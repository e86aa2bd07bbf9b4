"""Documents of applications and reports: what is accepted (content, names, sizes), who may attach, see and
remove them, and the use cases that store their bytes in a BlobStore (grants.storage)."""
