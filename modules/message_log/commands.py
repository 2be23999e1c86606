"""The message log sends nothing to stations; the generic `sendCall` goes through the kernel's
command sender, and its frames are logged like any other."""
