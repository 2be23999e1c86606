"""Monitoring applies no rule of its own: every NotifyEvent item and every reported monitor is
stored as its part arrives, in whatever order the parts come. Whether all parts of a
multi-part NotifyEvent or NotifyMonitoringReport arrived (the last one has tbc false) is not
tracked yet."""
