"""Reports: notebook sections (views, charts), the notebook-side API (notebook), and the runs that
execute notebooks into a report folder (run, execute, pages). Importing this package is cheap:
nothing here pulls in papermill or pandas until a module that needs them is imported."""
