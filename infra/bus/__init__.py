"""Bus adapters: in-process and Google Cloud Pub/Sub."""
