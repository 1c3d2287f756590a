"""The Jinja templates compiled to Python, one ``tmpl_<sha1>.py`` module each (generated: do not edit).

``python -m bodhi_gen.render.precompile`` rewrites them from ``workflow_templates/``;
``tests/unit/test_precompiled_templates.py`` fails when they drift from the templates.
"""
