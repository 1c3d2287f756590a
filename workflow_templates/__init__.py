"""Jinja2 templates of every file bodhi-gen generates (shipped inside the wheel as bodhi_gen.templates)."""
