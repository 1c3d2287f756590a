"""``bodhi-gen release``: dispatch the generated caller workflow and, optionally, follow its run.

PyGithub is imported only inside ``bodhi_gen.release.client``, and only when a command calls it, so
commands that never talk to GitHub do not pay for the import.
"""
