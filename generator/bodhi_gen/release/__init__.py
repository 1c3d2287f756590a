"""``bodhi-gen release``: dispatch the generated caller workflow and, optionally, follow its run.

Built on the ``github`` adapter; ``commands.release`` validates the options into a ``DispatchRequest``
and runs the steps: plan, dispatch, follow, report.
"""
