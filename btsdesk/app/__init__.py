"""The application layer: the jury's actions, Qt-free, shared by the window and the command
line. The only code that writes a session or class file (design.md)."""
