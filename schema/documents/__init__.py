"""GraphQL of documents: the Upload scalar's use, Document, attachDocument and removeDocument."""
