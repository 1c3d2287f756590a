"""The GitHub adapter: the REST client, what its failures mean, the token kept out of every message.

PyGithub is imported only inside ``bodhi_gen.github.client`` (and ``failures``), and only once a
client is built, so commands that never talk to GitHub do not pay for the import.
"""
