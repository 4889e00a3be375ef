"""The Qt user interface: adapts storage and the engine to PySide6 and pyqtgraph."""
